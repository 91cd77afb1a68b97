import { SpanStatusCode, trace, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';
import { metricAttributes } from './trial-attributes';

/** How a trial's step ended, as its span records it. */
export interface StepOutcome {
  readonly outcome: string;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly error?: string;
}

/**
 * Runs `work` in an active span `name` and ends it: a throw is recorded and
 * sets error status with its message (and is rethrown); `settle` adds what
 * the value says.
 */
export function inSpan<T>(tracer: Tracer, name: string, options: SpanOptions, work: (span: Span) => Promise<T>, settle?: (span: Span, value: T) => void): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await settled(span, work, settle);
    } finally {
      span.end();
    }
  });
}

/**
 * As inSpan, for the work of a queue job's processor: in the span BullMQ
 * opened for the job (the active one when a traced Worker calls its
 * processor; it continues the producer's trace), renamed `name` and given
 * the attributes, and left for BullMQ to end once the job has moved on. One
 * span where BullMQ's `process` and ours were two, in the same place of the
 * trace: the export is lighter (bench:tracing). With no recording span
 * active (tracing off, or called outside a traced job), as inSpan.
 */
export function inJobSpan<T>(tracer: Tracer, name: string, options: SpanOptions, work: (span: Span) => Promise<T>, settle?: (span: Span, value: T) => void): Promise<T> {
  const job = trace.getActiveSpan();
  if (!job?.isRecording()) return inSpan(tracer, name, options, work, settle);
  job.updateName(name);
  if (options.attributes) job.setAttributes(options.attributes);
  return settled(job, work, settle);
}

/** Runs `work`; a throw is recorded on `span` with error status (and rethrown), a value settled by `settle`. */
async function settled<T>(span: Span, work: (span: Span) => Promise<T>, settle?: (span: Span, value: T) => void): Promise<T> {
  try {
    const value = await work(span);
    settle?.(span, value);
    return value;
  } catch (e) {
    span.recordException(e as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
    throw e;
  }
}

/** `attune.outcome` and the metrics on `span`; error status with the reason unless the outcome is COMPLETE. */
export function recordOutcome(span: Span, step: StepOutcome): void {
  span.setAttributes({ 'attune.outcome': step.outcome, ...metricAttributes(step.metrics) });
  if (step.outcome !== 'COMPLETE') span.setStatus({ code: SpanStatusCode.ERROR, message: step.error ?? step.outcome });
}
