import type { RepeatMeasurement } from '@attune/core/objective/aggregate-repeats';
import type { Measurement } from '@attune/core/objective/objective-spec.schema';
import type { Params } from '@attune/core/search-space/parameter';

/** What an evaluation returns: one number (the metric `value`) or named metrics. */
export type EvaluationResult = number | Readonly<Record<string, number>>;

export type Evaluate = (params: Params) => EvaluationResult | Promise<EvaluationResult>;

/** A trial's measurements, or why one of them failed. */
export type MeasuredTrial = { readonly measurements: RepeatMeasurement[] } | { readonly error: string };

/**
 * Measures one configuration `warmup + repeats` times, one evaluation after
 * another, warm-ups first and marked. A throw, a number that is not finite or
 * anything but a number or an object fails the whole trial (as a worker's
 * failed repeat does); the reason is the first failure's.
 */
export async function measureTrial(evaluate: Evaluate, params: Params, measurement: Pick<Measurement, 'repeats' | 'warmup'>): Promise<MeasuredTrial> {
  const measurements: RepeatMeasurement[] = [];
  for (let i = 0; i < measurement.warmup + measurement.repeats; i++) {
    let result: EvaluationResult;
    try {
      result = await evaluate(params);
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
    const metrics = metricsOf(result);
    if (typeof metrics === 'string') return { error: metrics };
    measurements.push(i < measurement.warmup ? { metrics, warmup: true } : { metrics });
  }
  return { measurements };
}

/** A number as the metric `value`; an object as it is; otherwise why neither. */
function metricsOf(result: unknown): Readonly<Record<string, number>> | string {
  if (typeof result === 'number') return Number.isFinite(result) ? { value: result } : `objective is not a finite number: ${String(result)}`;
  if (typeof result === 'object' && result !== null && !Array.isArray(result)) return result as Readonly<Record<string, number>>;
  return `the evaluation returned neither a number nor an object of metrics: ${String(result)}`;
}
