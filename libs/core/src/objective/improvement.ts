import type { Direction } from '../trial/trial-view';
import type { RawMetrics } from './aggregate-repeats';

/** How a trial compares with the baseline; positive is better. */
export interface Improvement {
  /** Per objective metric: its relative change from the baseline, positive when better. */
  readonly perMetric: Readonly<Record<string, number>>;
  /** The same for the objective as a whole; absent for a Pareto study (no single score) or when its metric has none. */
  readonly score?: number;
}

/**
 * Each objective metric's improvement over the baseline: its relative change
 * oriented so that positive is better,
 *   minimize: (b - m) / |b|,   maximize: (m - b) / |b|,
 * so 0.25 is "25% better than the baseline". A metric the baseline lacks, or
 * measured as 0 (no size to be relative to), has no improvement and is left
 * out. (A composite refuses such a baseline before it gets here.)
 */
export function improvementPerMetric(objectives: readonly { metric: string; direction: Direction }[], metrics: RawMetrics, baseline: RawMetrics): Record<string, number> {
  const perMetric = Object.create(null) as Record<string, number>;
  for (const { metric, direction } of objectives) {
    const b = Object.hasOwn(baseline, metric) ? baseline[metric] : undefined;
    if (b === undefined || b === 0 || !Number.isFinite(b)) continue;
    const m = metrics[metric];
    perMetric[metric] = direction === 'minimize' ? (b - m) / Math.abs(b) : (m - b) / Math.abs(b);
  }
  return perMetric;
}
