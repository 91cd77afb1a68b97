import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TrialRoots } from './trial-roots';

const study = { id: '6f1c2d3e-0000-4000-8000-000000000001', spec: { name: 'roots', target: 'sum' } } as unknown as StudyRecord;
const proposed = [
  { number: 4, params: { x: 1 } },
  { number: 5, params: { x: 2 } },
];
const proposal = { strategy: 'tpe', startedAt: Date.now() - 50, endedAt: Date.now() - 10, elapsedMs: 30, batchSize: 2 };
const record = (number: number, state: TrialRecord['state'] = 'QUEUED'): TrialRecord => ({ id: `trial-${number}`, studyId: study.id, number, state, params: {}, createdAt: new Date() });

describe('TrialRoots without a tracer provider', () => {
  it('records nothing and gives no trace id (tracing off)', async () => {
    const roots = TrialRoots.start(study, proposed, proposal);
    expect(roots.recording).toBe(false);
    expect(roots.withTraceIds(proposed)).toEqual(proposed);
    const added: unknown[][] = [];
    await roots.enqueueBulk('eval.sum', [record(4)], [{ name: 'evaluate-trial', opts: { jobId: 'trial-4' } }], async (jobs) => added.push(jobs));
    expect(added).toEqual([[{ name: 'evaluate-trial', opts: { jobId: 'trial-4' } }]]);
  });
});

describe('TrialRoots', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterEach(() => exporter.reset());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('starts one new trace per trial, even inside another span, with the trace id for its row', () => {
    const outer = trace.getTracer('test').startSpan('request');
    const roots = context.with(trace.setSpan(context.active(), outer), () => TrialRoots.start(study, proposed, proposal));
    const traced = roots.withTraceIds(proposed);
    expect(traced.map((t) => t.traceId)).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), expect.stringMatching(/^[0-9a-f]{32}$/)]);
    expect(new Set([...traced.map((t) => t.traceId), outer.spanContext().traceId]).size).toBe(3);
    outer.end();
  });

  it("ends a root after its enqueue, with the proposal and the enqueue under it, and the job carrying the enqueue's context", async () => {
    const roots = TrialRoots.start(study, proposed, proposal);
    const traceId = roots.withTraceIds(proposed)[0].traceId;
    let carried: { opts: { jobId: string; telemetry?: { metadata: string } } }[] = [];
    await roots.enqueueBulk('eval.sum', [record(4)], [{ opts: { jobId: 'trial-4' } }], async (jobs) => {
      carried = jobs as typeof carried;
      // bullmq-otel's own addBulk span is suppressed: it would belong to no trial.
      expect(trace.getTracer('bullmq').startSpan('addBulk').isRecording()).toBe(false);
    });
    const traceparent = (JSON.parse(carried[0].opts.telemetry!.metadata) as { traceparent: string }).traceparent;
    expect(carried[0].opts.jobId).toBe('trial-4');
    const spans = exporter.getFinishedSpans();
    const enqueue = spans.find((s) => s.name === 'enqueue eval.sum')!;
    expect(traceparent).toBe(`00-${traceId}-${enqueue.spanContext().spanId}-01`);
    const root = spans.find((s) => s.name === 'trial 4')!;
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.attributes).toMatchObject({ 'attune.study_id': study.id, 'attune.study_name': 'roots', 'attune.trial_number': 4, 'attune.trial_id': 'trial-4', 'attune.target': 'sum', 'attune.param.x': 1 });
    expect(root.links.map((l) => l.context.traceId)).toEqual([study.id.replaceAll('-', '')]);
    const propose = spans.find((s) => s.name === 'propose tpe')!;
    expect(propose.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(propose.attributes).toMatchObject({ 'attune.strategy': 'tpe', 'attune.proposal.batch_size': 2, 'attune.proposal.elapsed_ms': 30 });
    // The other trial was not enqueued yet: its root is not exported.
    expect(enqueue.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(spans.map((s) => s.name).sort()).toEqual(['enqueue eval.sum', 'propose tpe', 'trial 4']);
  });

  it('exports nothing for trials never inserted, and ends reused trials at once', () => {
    TrialRoots.start(study, proposed, proposal);
    expect(exporter.getFinishedSpans()).toEqual([]);
    const roots = TrialRoots.start(study, proposed);
    roots.recordedComplete([record(5, 'COMPLETE')]);
    expect(exporter.getFinishedSpans().map((s) => [s.name, s.attributes['attune.outcome']])).toEqual([['trial 5', 'COMPLETE']]);
  });
});
