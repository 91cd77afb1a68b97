import type { RawMetrics } from './aggregate-repeats';
import type { CompositeTerm } from './objective-spec.schema';

/**
 * The composite score of aggregated metrics m against the baseline's b:
 *
 *   score = sum_i w_i * s_i * (m_i - b_i) / |b_i|  /  sum_i w_i
 *
 * with s_i = +1 for a metric to minimise and -1 for one to maximise. Each
 * term is the metric's relative change from the baseline, oriented so that
 * lower is better, so a weight means what it says whatever the metric's unit;
 * dividing by the sum of the weights makes the score a weighted average: -0.1
 * is "10% better than the baseline, on the weighted average", 0 is the
 * baseline itself. Lower is better: the score is the trial's loss.
 *
 * The baseline must hold every term's metric, none of them 0 (see
 * `baselineProblem`); m must hold every term's metric.
 */
export function compositeScore(terms: readonly CompositeTerm[], metrics: RawMetrics, baseline: RawMetrics): number {
  let weighted = 0;
  let weights = 0;
  for (const { metric, direction, weight } of terms) {
    const sign = direction === 'minimize' ? 1 : -1;
    weighted += weight * sign * relativeChange(metrics[metric], baseline[metric]);
    weights += weight;
  }
  return weighted / weights;
}

/** (m - b) / |b|: how much m moved from b, as a fraction of b's size. b must not be 0. */
export function relativeChange(value: number, baseline: number): number {
  return (value - baseline) / Math.abs(baseline);
}

/** Why a composite trial scored without the baseline's metrics fails. */
export const NO_BASELINE = "a composite score is relative to the baseline's measurement, and none was given";

/**
 * Why the baseline's measurement cannot anchor a composite score, or
 * undefined when it can. A metric the baseline measured as 0 has no size to
 * be relative to, and no fallback would keep weights meaning what they say:
 * the baseline is refused, and the reason suggests a constraint instead (a
 * metric that is 0 when things are right, such as an error count, is a bound,
 * not a score).
 */
export function baselineProblem(terms: readonly CompositeTerm[], baseline: RawMetrics): string | undefined {
  for (const { metric } of terms) {
    const b = Object.hasOwn(baseline, metric) ? baseline[metric] : undefined;
    if (b === undefined || !Number.isFinite(b)) return `the baseline's measurement has no metric ${JSON.stringify(metric)}, which the composite score is relative to`;
    if (b === 0)
      return `the baseline measured the composite's metric ${JSON.stringify(metric)} as 0: a relative change from 0 is undefined; bound such a metric with a constraint ({metric: ${JSON.stringify(metric)}, max: ...}) instead of scoring it`;
  }
  return undefined;
}
