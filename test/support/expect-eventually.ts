/**
 * Polls `check` until it stops throwing (or returns a truthy value when it
 * returns a boolean), then resolves with its result. Fails with the last error
 * after `timeoutMs`. Use it for asynchronous outcomes instead of sleeps.
 */
export async function expectEventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return result;
      lastError = new Error('check returned false');
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
