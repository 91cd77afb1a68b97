import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inJobSpan, inSpan } from './in-span';

describe('inSpan and inJobSpan', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = trace.getTracer('test');
  const names = () => exporter.getFinishedSpans().map((s) => s.name);
  beforeAll(() => provider.register());
  beforeEach(() => exporter.reset());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('inSpan runs the work in a span of its own, settles it with the value and ends it', async () => {
    const value = await inSpan(tracer, 'step', { attributes: { a: 1 } }, async () => 7, (span, v) => span.setAttribute('v', v));
    expect(value).toBe(7);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('step');
    expect(span.attributes).toEqual({ a: 1, v: 7 });
  });

  it("inJobSpan takes over the job's active span: renamed, attributes added, left open for its owner to end", async () => {
    const job = tracer.startSpan('process q', { attributes: { 'bullmq.queue.operation': 'process' } });
    const value = await context.with(trace.setSpan(context.active(), job), () =>
      inJobSpan(tracer, 'evaluate t', { attributes: { 'attune.trial_id': 't1' } }, async (span) => {
        expect(span).toBe(job);
        await inSpan(tracer, 'measure 1/1', {}, async () => undefined);
        return 'done';
      }, (span, v) => span.setAttribute('attune.outcome', v)),
    );
    expect(value).toBe('done');
    expect(names()).toEqual(['measure 1/1']);
    job.end();
    const [measure, evaluate] = exporter.getFinishedSpans();
    expect(evaluate.name).toBe('evaluate t');
    expect(evaluate.attributes).toEqual({ 'bullmq.queue.operation': 'process', 'attune.trial_id': 't1', 'attune.outcome': 'done' });
    expect(measure.parentSpanContext?.spanId).toBe(evaluate.spanContext().spanId);
  });

  it('inJobSpan records a throw on the job span with error status, and rethrows it', async () => {
    const job = tracer.startSpan('process q');
    const failing = context.with(trace.setSpan(context.active(), job), () =>
      inJobSpan(tracer, 'ingest result', {}, async () => {
        throw new Error('database gone');
      }),
    );
    await expect(failing).rejects.toThrow('database gone');
    job.end();
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('ingest result');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'database gone' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('inJobSpan outside a traced job starts and ends a span of its own', async () => {
    await inJobSpan(tracer, 'evaluate t', { attributes: { a: 2 } }, async () => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('evaluate t');
    expect(span.attributes).toEqual({ a: 2 });
    expect(span.parentSpanContext).toBeUndefined();
  });
});
