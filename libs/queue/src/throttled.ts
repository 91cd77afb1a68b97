// While Redis is down, BullMQ reports the same refused connection many times a second.
const QUIET_MS = 10_000;

/** Wraps `fn` so that it runs at most once every 10 s; calls in between are dropped. */
export function throttled<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  let last = -Infinity;
  return (...args) => {
    const now = Date.now();
    if (now - last < QUIET_MS) return;
    last = now;
    fn(...args);
  };
}
