import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune } from '../support/attune-processes';
import { expectEventually } from '../support/expect-eventually';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { E2eStack } from './e2e-stack';

/** A trial as GET /studies/:id/trials returns it (the fields read here). */
interface ApiTrial {
  id: string;
  number: number;
  state: string;
  params: { mode: string; x: number };
  traceId?: string;
}

// `fail` exits 1 with a reason on stderr; `ok` prints its metrics. Three measurements a trial: a warm-up, then two.
const spec = {
  name: 'e2e-traced',
  target: 'flaky',
  parameters: [
    { name: 'mode', type: 'categorical', values: ['ok', 'fail'] },
    { name: 'x', type: 'int', min: 3, max: 5 },
  ],
  objective: { direction: 'minimize' },
  measurement: { repeats: 2, warmup: 1, aggregate: 'median' },
  strategy: { name: 'grid', seed: 1 },
  budget: { maxTrials: 6, parallelism: 3, trialTimeoutSec: 20, maxFailedTrials: 6 },
};

const PRODUCER = 4;

/** Why a trace is not what it should be, or undefined: one root, every other span's parent in the trace. */
function shapeProblem(spans: readonly ReceivedSpan[]): string | undefined {
  const ids = new Set(spans.map((s) => s.spanId));
  const roots = spans.filter((s) => s.parentSpanId === undefined);
  if (roots.length !== 1) return `${roots.length} roots: ${roots.map((r) => `${r.service} ${r.name}`).join(', ')}`;
  const orphans = spans.filter((s) => s.parentSpanId !== undefined && !ids.has(s.parentSpanId));
  return orphans.length > 0 ? `parents missing for ${orphans.map((s) => `${s.service} ${s.name}`).join(', ')}` : undefined;
}

describe('tracing: one trace per trial across the coordinator and two workers, exported over OTLP/HTTP', () => {
  const receiver = new OtlpReceiver();
  const stack = new E2eStack();

  beforeAll(async () => {
    const endpoint = await receiver.start();
    await stack.start({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.stop();
  }, 60_000);

  it('gives every trial one trace, rooted at the coordinator, holding its proposal, enqueue, wait, evaluation, measurements, publication and ingestion', async () => {
    const run = await runAttune(['study', 'run', stack.writeSpec('traced', spec), '--wait', '--json', '--url', stack.url], stack.env);
    expect(run.code, `${run.stderr}\n${stack.logs()}`).toBe(0);
    const study = JSON.parse(run.stdout) as { id: string };
    const trials = ((await (await fetch(`${stack.url}/studies/${study.id}/trials?limit=100`)).json()) as { items: ApiTrial[] }).items;
    expect(trials).toHaveLength(6);
    expect(new Set(trials.map((t) => t.params.mode))).toEqual(new Set(['ok', 'fail']));

    // Every process exports in batches, once a second, each on its own: wait until each trace has its ingestion and a parent for every span.
    const ingested = (t: ApiTrial) => receiver.spans.some((s) => s.name === 'ingest result' && s.attributes['attune.trial_id'] === t.id);
    const unfinished = () => trials.filter((t) => !t.traceId || !ingested(t) || shapeProblem(receiver.trace(t.traceId)) !== undefined);
    await expectEventually(() => expect(unfinished().map((t) => `${t.number}: ${t.traceId && shapeProblem(receiver.trace(t.traceId))}`)).toEqual([]), { timeoutMs: 30_000 });

    for (const t of trials) {
      const where = `trial ${t.number} (${t.params.mode})`;
      expect(t.traceId, where).toMatch(/^[0-9a-f]{32}$/);
      // Every span about the trial is in one trace, the one the API names.
      const about = receiver.spans.filter((s) => s.attributes['attune.trial_id'] === t.id);
      expect(new Set(about.map((s) => s.traceId)), where).toEqual(new Set([t.traceId]));
      const spans = receiver.trace(t.traceId!);
      expect(shapeProblem(spans), where).toBeUndefined();
      expect(new Set(spans.map((s) => s.service)), where).toEqual(new Set(['attune-coordinator', 'attune-worker']));

      const named = (name: string) => spans.filter((s) => s.name === name);
      const [root] = spans.filter((s) => s.parentSpanId === undefined);
      expect(root.service).toBe('attune-coordinator');
      expect(root.name).toBe(`trial ${t.number}`);
      expect(root.attributes).toMatchObject({
        'attune.study_id': study.id,
        'attune.study_name': 'e2e-traced',
        'attune.trial_number': t.number,
        'attune.trial_id': t.id,
        'attune.target': 'flaky',
        'attune.param.mode': t.params.mode,
        'attune.param.x': t.params.x,
      });
      expect(root.links.map((l) => l.attributes['attune.study_id'])).toEqual([study.id]);

      const [proposal] = named('propose grid');
      expect(proposal.parentSpanId).toBe(root.spanId);
      expect(proposal.attributes['attune.strategy']).toBe('grid');
      expect(proposal.attributes['attune.proposal.batch_size']).toBeGreaterThanOrEqual(1);
      expect(proposal.attributes['attune.proposal.elapsed_ms']).toBeGreaterThanOrEqual(0);

      // Coordinator's add → the worker's evaluation (BullMQ's job span, renamed); the queue wait hangs off the add too.
      const adds = spans.filter((s) => s.kind === PRODUCER);
      const enqueue = adds.find((s) => s.service === 'attune-coordinator')!;
      expect(enqueue.parentSpanId).toBe(root.spanId);
      expect(named('queue-wait').map((s) => s.parentSpanId)).toEqual([enqueue.spanId]);
      expect(named('queue-wait')[0].attributes['attune.queue.wait_ms']).toBeGreaterThanOrEqual(0);

      const [evaluation] = named('evaluate flaky');
      expect(evaluation.service).toBe('attune-worker');
      expect(evaluation.parentSpanId).toBe(enqueue.spanId);
      expect(spans.filter((s) => s.name.startsWith('process '))).toEqual([]);
      expect(evaluation.attributes).toMatchObject({ 'attune.trial_id': t.id, 'attune.param.mode': t.params.mode, 'attune.outcome': t.state });
      const measurements = spans.filter((s) => s.name.startsWith('measure ')).sort((a, b) => a.startMs - b.startMs);
      for (const m of measurements) expect(m.parentSpanId).toBe(evaluation.spanId);

      // The worker publishes the result in the trial's trace, and the coordinator's ingestion continues it.
      const publication = adds.find((s) => s.service === 'attune-worker');
      expect(publication, where).toBeDefined();
      const [ingest] = named('ingest result');
      expect(ingest.service).toBe('attune-coordinator');
      expect(ingest.parentSpanId).toBe(publication!.spanId);
      expect(ingest.attributes).toMatchObject({ 'attune.study_id': study.id, 'attune.outcome': t.state, 'attune.recorded': true });

      if (t.params.mode === 'ok') {
        expect(t.state).toBe('COMPLETE');
        expect(measurements.map((m) => m.attributes['attune.measurement.warmup'])).toEqual([true, false, false]);
        expect(evaluation.attributes['attune.metric.value']).toBe(t.params.x * 2);
        expect(ingest.attributes['attune.metric.value']).toBe(t.params.x * 2);
        expect(evaluation.status.code).not.toBe(2);
      } else {
        // A failed trial: error status with the reason, on its evaluation, its failing measurement and its ingestion.
        expect(t.state).toBe('FAILED');
        expect(measurements).toHaveLength(1);
        for (const s of [evaluation, measurements[0], ingest]) {
          expect(s.status.code, `${where}: ${s.name}`).toBe(2);
          expect(s.status.message).toContain('cannot connect to the system under test');
        }
      }
    }

    // The CLI shows the same trace ids.
    const listed = await runAttune(['study', 'trials', study.id, '--url', stack.url], stack.env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('TRACE');
    for (const t of trials) expect(listed.stdout).toContain(t.traceId);
  }, 240_000);
});
