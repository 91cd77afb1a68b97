/** Polls `check` until it stops throwing, or rethrows its last error after `timeoutMs`. */
export async function expectEventually(check: () => unknown | Promise<unknown>, timeoutMs = 10_000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
