import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookkeepingSpanFilter } from './bookkeeping-span-filter';

describe('BookkeepingSpanFilter', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new BookkeepingSpanFilter(new SimpleSpanProcessor(exporter))] });
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it("drops BullMQ's background roots and its complete spans, and keeps everything else", () => {
    const tracer = trace.getTracer('test');
    const bullmq = (name: string, operation: string, kind = 0) => ({ kind, attributes: { 'bullmq.queue.name': 'q', 'bullmq.queue.operation': operation } });
    tracer.startSpan('moveStalledJobsToWait q', bullmq('moveStalledJobsToWait', 'moveStalledJobsToWait')).end();
    const root = tracer.startSpan('trial 1');
    const inTrial = trace.setSpan(context.active(), root);
    tracer.startSpan('process q', bullmq('process', 'process', 4), inTrial).end();
    tracer.startSpan('complete q', bullmq('complete', 'complete'), inTrial).end();
    tracer.startSpan('fail q', bullmq('fail', 'fail'), inTrial).end();
    tracer.startSpan('evaluate t', {}, inTrial).end();
    root.end();
    expect(exporter.getFinishedSpans().map((s) => s.name).sort()).toEqual(['evaluate t', 'fail q', 'process q', 'trial 1']);
  });
});
