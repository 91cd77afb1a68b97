import { SpanKind, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** BullMQ's attribute on every span it makes (bullmq's TelemetryAttributes.QueueOperation). */
const BULLMQ_OPERATION = 'bullmq.queue.operation';

/**
 * Keeps BullMQ's bookkeeping out of the export, in front of the batch
 * processor: its internal spans that start traces of their own (a stalled
 * check, a poll for the next job, a queue closing: every few seconds, in no
 * trial's trace), and the `complete <queue>` span under each processed job
 * (its `process` span already says when and how the job ended). A trial's
 * trace loses nothing that explains the trial, and an export is two spans a
 * trial lighter (bench:tracing). A job that fails keeps its `fail` span.
 */
export class BookkeepingSpanFilter implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    if (!isBookkeeping(span)) this.next.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}

function isBookkeeping(span: ReadableSpan): boolean {
  const operation = span.attributes[BULLMQ_OPERATION];
  if (operation === undefined || span.kind !== SpanKind.INTERNAL) return false;
  return operation === 'complete' || span.parentSpanContext === undefined;
}
