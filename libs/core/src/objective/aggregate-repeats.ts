import type { Aggregate } from './objective-spec.schema';

/** Named raw numbers of one measurement, as a worker reported them. */
export type RawMetrics = Readonly<Record<string, number>>;

/**
 * One measurement of a trial. Warm-ups are passed like the others, marked, so
 * that a caller can hand over exactly the rows it stored; they never count.
 */
export interface RepeatMeasurement {
  readonly metrics: RawMetrics;
  /** A warm-up run: stored, never aggregated. @default false */
  readonly warmup?: boolean;
}

/** How much a metric varied over the repeats: the sample standard deviation of single repeats, and how many there were. */
export interface Spread {
  readonly sd: number;
  readonly count: number;
}

export interface AggregatedMetrics {
  /** Every metric reported by a counted repeat, aggregated over the repeats that reported it. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly spread: Readonly<Record<string, Spread>>;
}

/**
 * Aggregates each metric over the counted (non-warm-up) repeats that report it
 * as a finite number; a repeat that lacks a metric, or reports a non-finite
 * value, does not count for that metric (its `count` shows it).
 *
 * - median: the middle value, or the mean of the two middle ones for an even count;
 * - mean: sum / count;
 * - sd: sqrt(sum((x - mean)^2) / (count - 1)), the sample standard deviation;
 *   0 for a single repeat (no spread was observed; `count` 1 says so).
 *
 * Metrics keep the order in which they were first reported; the result objects
 * have no prototype (a metric's name is the worker's word).
 */
export function aggregateRepeats(repeats: readonly RepeatMeasurement[], aggregate: Aggregate): AggregatedMetrics {
  const samples = samplesByMetric(repeats);
  const metrics = Object.create(null) as Record<string, number>;
  const spread = Object.create(null) as Record<string, Spread>;
  for (const [metric, values] of samples) {
    metrics[metric] = aggregate === 'median' ? median(values) : mean(values);
    spread[metric] = { sd: sampleSd(values), count: values.length };
  }
  return { metrics, spread };
}

/** The counted repeats: warm-ups dropped. */
export function countedRepeats(repeats: readonly RepeatMeasurement[]): RepeatMeasurement[] {
  return repeats.filter((r) => r.warmup !== true);
}

function samplesByMetric(repeats: readonly RepeatMeasurement[]): Map<string, number[]> {
  const samples = new Map<string, number[]>();
  for (const repeat of countedRepeats(repeats)) {
    for (const [metric, value] of Object.entries(repeat.metrics)) {
      if (!Number.isFinite(value)) continue;
      const values = samples.get(metric);
      if (values) values.push(value);
      else samples.set(metric, [value]);
    }
  }
  return samples;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}
