import type { Rng } from '@attune/core/random/rng';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import { configurationAtUnit } from '@attune/core/search-space/unit-cube';

/**
 * A made-up service over the knobs of dashboard-studies.ts, so that a seeded
 * history looks like a real tuning run: metrics that depend on the
 * parameters with noise between repeats, a trade-off between latency and
 * throughput (batching), a few failures, and proposals that gather near the
 * good region as the study goes on (as a model-based strategy's do).
 */

/** Where each knob is best, as a point of the unit cube (log scale for the cache; the categorical's bin of `lz4`). */
const SWEET_SPOT: Readonly<Record<string, number>> = { workers: 0.35, cacheSizeMb: 0.67, compression: 0.875, batchWindowMs: 0.05, gcRatio: 0.31, keepAliveSec: 0.5 };

/** p99 and CPU factors of each compression: cheaper codecs answer sooner. */
const COMPRESSION: Readonly<Record<string, { latency: number; cpu: number }>> = {
  none: { latency: 1, cpu: 1 },
  gzip: { latency: 1.25, cpu: 1.6 },
  zstd: { latency: 1.08, cpu: 1.3 },
  lz4: { latency: 0.92, cpu: 1.1 },
};

/** Share of evaluations that fail, and how they say it. */
export const FAILURE_RATE = 0.03;
const ERRORS = [
  'command exited with code 137 (killed: out of memory?); last output: "allocating cache of 8192 MB"',
  'the service did not answer GET /ready within 30 s',
  'load generator: 312 of 20000 requests failed (ECONNRESET)',
];

/** The configuration of trial `number`: uniform early on, then more and more often near the sweet spot. */
export function proposeParams(space: SearchSpace, number: number, rng: Rng): Params {
  const exploit = rng.float() < Math.min(0.85, number / 3000);
  const u = space.map((p) => {
    const uniform = rng.float();
    if (!exploit) return uniform;
    const centre = SWEET_SPOT[p.name] ?? 0.5;
    return Math.min(0.999, Math.max(0, centre + (uniform - centre) * 0.2));
  });
  return configurationAtUnit(space, u);
}

/** One measurement's metrics, noisy around what the configuration gives. */
export function measure(params: Params, rng: Rng): Record<string, number> {
  const workers = Number(params.workers);
  const cache = Number(params.cacheSizeMb);
  const batch = Number(params.batchWindowMs);
  const codec = COMPRESSION[String(params.compression)] ?? COMPRESSION.none;
  const miss =
    4 * ((workers - 12) / 32) ** 2 + 3 * (Math.log2(cache / 1024) / 9) ** 2 + 2 * ((Number(params.gcRatio) - 0.35) / 0.8) ** 2 + ((Number(params.keepAliveSec) - 60) / 120) ** 2;
  const p99 = (18 * (1 + 4 * miss) * codec.latency + 0.6 * batch) * Math.exp(0.06 * rng.normal());
  return {
    p99: round(p99, 3),
    p50: round(p99 * (0.32 + 0.04 * rng.float()), 3),
    rps: round(((14_000 * (1 + batch / 40)) / (1 + 3 * miss) / codec.cpu) * Math.exp(0.04 * rng.normal()), 1),
    memMb: round(150 + cache * 1.1 + workers * 24 + 10 * rng.normal(), 1),
    cpuPct: round(Math.min(100, (20 + workers * 2.5) * codec.cpu + 3 * rng.normal()), 1),
  };
}

/** Why an evaluation failed, for the FAILURE_RATE of them; undefined for the rest. */
export function failure(rng: Rng): string | undefined {
  return rng.float() < FAILURE_RATE ? rng.pick(ERRORS) : undefined;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
