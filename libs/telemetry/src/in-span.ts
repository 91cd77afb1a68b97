import { SpanStatusCode, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';
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
      const value = await work(span);
      settle?.(span, value);
      return value;
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** `attune.outcome` and the metrics on `span`; error status with the reason unless the outcome is COMPLETE. */
export function recordOutcome(span: Span, step: StepOutcome): void {
  span.setAttributes({ 'attune.outcome': step.outcome, ...metricAttributes(step.metrics) });
  if (step.outcome !== 'COMPLETE') span.setStatus({ code: SpanStatusCode.ERROR, message: step.error ?? step.outcome });
}
