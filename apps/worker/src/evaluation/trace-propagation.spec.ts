import type { JobKind } from '@attune/queue/job-contracts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpanKind, SpanStatusCode, trace, type Span, type SpanContext } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationQueueName } from '@attune/queue/queue-names';
import { createBullMqTelemetry } from '@attune/telemetry/bullmq-telemetry';
import { expectEventually } from '../../../../test/support/expect-eventually';
import { QueueFixture, REDIS_URL } from '../../test-support/queue-fixture';
import { startWorker, type WorkerHandle } from '../main';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const fx = new QueueFixture();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-trace-'));
let worker: WorkerHandle;
let producer: Queue;

beforeAll(async () => {
  provider.register();
  const objectives = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'targets', 'objectives.mjs');
  const targets = path.join(dir, 'targets.yaml');
  fs.writeFileSync(targets, `targets:\n  - {name: sum, type: module, module: ${objectives}, export: sum}\n`);
  const env = { PATH: process.env.PATH, REDIS_URL, ATTUNE_QUEUE_PREFIX: fx.prefix, ATTUNE_WORKER_ID: 'trace-worker' };
  worker = await startWorker({ targetsFile: targets, concurrency: 1, env, log: () => undefined });
  producer = new Queue(evaluationQueueName('sum'), { connection: fx.redis, prefix: fx.prefix, telemetry: createBullMqTelemetry('test-coordinator') });
});

afterAll(async () => {
  await worker?.close();
  await producer?.close();
  await fx.dispose();
  await provider.shutdown();
  trace.disable();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The chain of span ids from `span` up to its trace's root, as far as the exporter saw them. */
function ancestry(span: ReadableSpan, spans: ReadableSpan[]): string[] {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const chain: string[] = [];
  let parent: SpanContext | undefined = span.parentSpanContext;
  while (parent) {
    chain.push(parent.spanId);
    parent = byId.get(parent.spanId)?.parentSpanContext;
  }
  return chain;
}

/** Enqueues `job` inside a span of its own, as the coordinator does, and waits for its result; returns that span. */
async function submitInSpan(job: ReturnType<QueueFixture['payload']>): Promise<Span> {
  const submit = await trace.getTracer('test').startActiveSpan('submit trial', async (span) => {
    await producer.add('evaluate-trial' satisfies JobKind, job, { jobId: job.trialId });
    span.end();
    return span;
  });
  await fx.result(job.trialId);
  return submit;
}

describe('tracing across the queue', () => {
  it("continues the producer's trace in the worker: the evaluation span descends from the enqueueing span", async () => {
    const job = fx.payload('sum');
    const submit = await submitInSpan(job);

    const evaluationSpan = () => exporter.getFinishedSpans().find((s) => s.name === 'evaluate sum');
    await expectEventually(() => expect(evaluationSpan()).toBeDefined());
    const evaluation = evaluationSpan() as ReadableSpan;
    expect(evaluation.spanContext().traceId).toBe(submit.spanContext().traceId);
    expect(ancestry(evaluation, exporter.getFinishedSpans())).toContain(submit.spanContext().spanId);
    expect(evaluation.attributes).toMatchObject({ 'attune.trial_id': job.trialId, 'attune.study_id': job.studyId, 'attune.outcome': 'COMPLETE' });
  });

  it('records the wait in the queue, one span per measurement (warm-ups marked) and the publication, all in the trial\'s trace', async () => {
    const job = fx.payload('sum', { params: { x: 1, y: 4 }, measurement: { repeats: 2, warmup: 1 } });
    const submit = await submitInSpan(job);
    const traceId = submit.spanContext().traceId;
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    await expectEventually(() => expect(inTrace().filter((s) => s.name.startsWith('add ') && s.kind === SpanKind.PRODUCER)).toHaveLength(2));
    const spans = inTrace();
    const named = (name: string) => spans.filter((s) => s.name === name);
    const evaluation = named('evaluate sum')[0];
    expect(evaluation.attributes).toMatchObject({ 'attune.param.x': 1, 'attune.param.y': 4, 'attune.metric.value': 5, 'attune.outcome': 'COMPLETE' });

    const measurements = spans.filter((s) => s.name.startsWith('measure ')).sort((a, b) => Number(a.attributes['attune.measurement.repeat']) - Number(b.attributes['attune.measurement.repeat']));
    expect(measurements.map((s) => [s.name, s.attributes['attune.measurement.warmup']])).toEqual([['measure 1/3', true], ['measure 2/3', false], ['measure 3/3', false]]);
    for (const m of measurements) expect(m.parentSpanContext?.spanId).toBe(evaluation.spanContext().spanId);

    // The wait hangs off the enqueue (the job's context), from the job's creation to its taking.
    const [enqueue, publication] = spans.filter((s) => s.name.startsWith('add ')).sort((a, b) => hrTimeToMilliseconds(a.startTime) - hrTimeToMilliseconds(b.startTime));
    const wait = named('queue-wait')[0];
    expect(wait.parentSpanContext?.spanId).toBe(enqueue.spanContext().spanId);
    expect(wait.attributes['attune.queue.wait_ms']).toBeGreaterThanOrEqual(0);
    expect(ancestry(publication, spans)).toContain(enqueue.spanContext().spanId);
  });

  it('sets error status with the reason on a failed evaluation and its failing measurement', async () => {
    const job = fx.payload('sum', { params: { x: 'not a number', y: 1 } });
    await producer.add('evaluate-trial' satisfies JobKind, job, { jobId: job.trialId });
    const result = await fx.result(job.trialId);
    expect(result.outcome).toBe('FAILED');
    const of = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name && s.attributes['attune.trial_id'] === job.trialId);
    await expectEventually(() => expect(of('evaluate sum')).toBeDefined());
    expect(of('evaluate sum')!.status).toEqual({ code: SpanStatusCode.ERROR, message: result.error });
    expect(of('evaluate sum')!.attributes['attune.outcome']).toBe('FAILED');
  });
});
