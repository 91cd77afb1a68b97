import type autocannon from 'autocannon';

/** What the target reports of one measurement (the study's metrics). */
export interface LoadMetrics {
  /** Median and 99th-percentile latency, ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Successful (2xx) responses per second. */
  readonly reqPerS: number;
  /** Peak resident memory of the service's processes together, MiB. */
  readonly rssMb: number;
  /** CPU the service's processes used during the load, percent of one core (200: two cores busy). */
  readonly cpuPct: number;
  /** Failed requests (connection errors, timeouts, non-2xx) as a fraction of those sent. */
  readonly errorRate: number;
}

/** What autocannon measured, the fields the metrics need. */
export type LoadResult = Pick<autocannon.Result, 'duration' | 'errors' | 'timeouts' | 'non2xx' | '2xx'> & {
  readonly latency: Pick<autocannon.Histogram, 'p50' | 'p99'>;
};

/** The service's resource use during the load. */
export interface ResourceUse {
  readonly peakRssBytes: number;
  readonly cpuSeconds: number;
}

/**
 * The metrics of one load: latency and throughput from autocannon, memory
 * and CPU from the service's processes. Fails when the load got no
 * successful response (nothing was measured).
 */
export function loadMetrics(result: LoadResult, use: ResourceUse): LoadMetrics {
  const ok = result['2xx'];
  const failed = result.errors + result.timeouts + result.non2xx;
  if (ok === 0) throw new Error(`the load got no successful response (${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx)`);
  return {
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    reqPerS: ok / result.duration,
    rssMb: use.peakRssBytes / 2 ** 20,
    cpuPct: (100 * use.cpuSeconds) / result.duration,
    errorRate: failed / (ok + failed),
  };
}
