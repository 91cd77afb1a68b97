import { quantile } from '../bench-stats';

/** Latency of one endpoint over a run. */
export interface LatencySummary {
  readonly path: string;
  readonly requests: number;
  readonly errors: number;
  /** Ticks skipped because `maxInFlight` requests were still waiting (the server was that far behind). */
  readonly skipped: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Requests `url + path` every `intervalMs` on a fixed schedule (open loop: a
 * slow answer does not delay the next request, so a stalled server shows in
 * the figures instead of thinning the samples), at most `maxInFlight` at
 * once. A request still unanswered at `stop()` counts with its time so far.
 */
export class EndpointSampler {
  private readonly latencies: number[] = [];
  private readonly pending = new Set<number>();
  private errors = 0;
  private skipped = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    readonly path: string,
    private readonly onBody: (body: unknown, at: number) => void = () => undefined,
    private readonly intervalMs = 100,
    private readonly maxInFlight = 200,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.fire(), this.intervalMs);
  }

  stop(): LatencySummary {
    clearInterval(this.timer);
    const now = performance.now();
    const all = [...this.latencies, ...[...this.pending].map((t) => now - t)];
    this.pending.clear();
    return {
      path: this.path,
      requests: all.length,
      errors: this.errors,
      skipped: this.skipped,
      p50Ms: quantile(all, 0.5),
      p99Ms: quantile(all, 0.99),
      maxMs: all.length ? Math.max(...all) : NaN,
    };
  }

  private fire(): void {
    if (this.pending.size >= this.maxInFlight) {
      this.skipped += 1;
      return;
    }
    const started = performance.now();
    this.pending.add(started);
    fetch(this.url + this.path, { signal: AbortSignal.timeout(120_000) })
      .then(async (res) => {
        const body: unknown = await res.json();
        if (!this.pending.delete(started)) return;
        this.latencies.push(performance.now() - started);
        if (!res.ok) this.errors += 1;
        this.onBody(body, Date.now());
      })
      .catch(() => {
        if (this.pending.delete(started)) this.errors += 1;
      });
  }
}
