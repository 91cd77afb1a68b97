/**
 * Waits for `work` at most `ms` milliseconds; resolves true if it settled in
 * time. BullMQ's close() waits for Redis forever when Redis is gone, and a
 * shutdown must not.
 */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
