import { trace } from '@opentelemetry/api';
import { inSpan, recordOutcome, type StepOutcome } from '@attune/telemetry/in-span';

const tracer = trace.getTracer('attune-worker');

/** Which measurement of a trial's series: 0-based `repeat` of `total`, the first `warmup` of them uncounted. */
export interface MeasurementIndex {
  readonly repeat: number;
  readonly total: number;
  readonly warmup: number;
}

/**
 * Runs one measurement inside a span `measure <n>/<total>`, a child of the
 * evaluation's span: `attune.measurement.repeat` (0-based),
 * `attune.measurement.warmup` (an uncounted warm-up), its outcome and
 * metrics, and error status with the reason when it failed or timed out.
 */
export function withMeasurementSpan<V extends StepOutcome>(at: MeasurementIndex, measure: () => Promise<V>): Promise<V> {
  const attributes = { 'attune.measurement.repeat': at.repeat, 'attune.measurement.warmup': at.repeat < at.warmup };
  return inSpan(tracer, `measure ${at.repeat + 1}/${at.total}`, { attributes }, measure, recordOutcome);
}
