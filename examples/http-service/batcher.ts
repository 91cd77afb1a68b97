/** Looks up many keys in one call. */
export type BatchLookup = (keys: readonly number[]) => Map<number, string>;

/**
 * Request batching: lookups that arrive within `windowMs` of the first one
 * go to the backend in one call (at most `maxBatch` keys; a full batch
 * leaves at once), and concurrent lookups of the same key share its result.
 * A window of 0 sends every lookup alone, at once. The trade: fewer calls
 * (throughput) against the wait (latency).
 */
export class Batcher {
  private pending = new Map<number, ((body: string) => void)[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly lookup: BatchLookup,
    private readonly windowMs: number,
    private readonly maxBatch = 64,
  ) {}

  get(key: number): Promise<string> {
    if (this.windowMs <= 0) return Promise.resolve(this.lookup([key]).get(key)!);
    return new Promise((resolve) => {
      const waiting = this.pending.get(key);
      if (waiting) waiting.push(resolve);
      else this.pending.set(key, [resolve]);
      if (this.pending.size >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    const bodies = this.lookup([...batch.keys()]);
    for (const [key, resolvers] of batch) for (const resolve of resolvers) resolve(bodies.get(key)!);
  }
}
