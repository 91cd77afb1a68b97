import type { JobKind } from '@attune/queue/job-contracts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trace, type SpanContext } from '@opentelemetry/api';
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

describe('tracing across the queue', () => {
  it("continues the producer's trace in the worker: the evaluation span descends from the enqueueing span", async () => {
    const job = fx.payload('sum');
    const tracer = trace.getTracer('test');
    const submit = await tracer.startActiveSpan('submit trial', async (span) => {
      await producer.add('evaluate-trial' satisfies JobKind, job, { jobId: job.trialId });
      span.end();
      return span;
    });
    await fx.result(job.trialId);

    const evaluationSpan = () => exporter.getFinishedSpans().find((s) => s.name === 'evaluate sum');
    await expectEventually(() => expect(evaluationSpan()).toBeDefined());
    const evaluation = evaluationSpan() as ReadableSpan;
    expect(evaluation.spanContext().traceId).toBe(submit.spanContext().traceId);
    expect(ancestry(evaluation, exporter.getFinishedSpans())).toContain(submit.spanContext().spanId);
    expect(evaluation.attributes).toMatchObject({ 'attune.trial_id': job.trialId, 'attune.study_id': job.studyId, 'attune.outcome': 'COMPLETE' });
  });
});
