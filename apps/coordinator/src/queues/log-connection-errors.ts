import type { Logger } from '@nestjs/common';

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

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

/** Logs a queue's connection errors as warnings, at most one per source every 10 s. */
export function logConnectionErrors(emitter: ErrorEmitter, source: string, logger: Logger): void {
  emitter.on('error', throttled((error: Error) => logger.warn(`${source}: ${error.message}`)));
}
