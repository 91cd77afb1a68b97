import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { evaluationQueueName } from '@attune/queue/queue-names';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker, type FakeOutcome } from '../../../test/support/fake-evaluation-worker';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';

const tc = testCoordinator();
let db: Client;
const workers: FakeEvaluationWorker[] = [];

function startWorker(target: string, evaluate: (job: EvaluateTrialJob) => FakeOutcome | Promise<FakeOutcome>, extra = {}) {
  const w = new FakeEvaluationWorker({ redisUrl: tc.iso.redisUrl, queuePrefix: tc.iso.queuePrefix, target, evaluate, ...extra });
  workers.push(w);
  return w;
}

const quadraticValue = (params: EvaluateTrialJob['params']) => ((params.x as number) - 1) ** 2 + (params.mode === 'b' ? 0.5 : 0);
const quadratic = (job: EvaluateTrialJob): FakeOutcome => ({ metrics: { value: quadraticValue(job.params) } });

async function waitForState(id: string, state: string) {
  return expectEventually(async () => {
    const res = await tc.http.get(`/studies/${id}`);
    expect(res.body.state).toBe(state);
    return res.body;
  });
}

async function trialRows(studyId: string) {
  const { rows } = await db.query(`SELECT number, state, params, value, error FROM "${tc.iso.schema}".trials WHERE study_id = $1 ORDER BY number`, [studyId]);
  return rows;
}

beforeAll(async () => {
  await tc.start();
  db = new Client({ connectionString: tc.iso.databaseUrl });
  await db.connect();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});
afterAll(async () => {
  await db?.end();
  await tc.destroy();
});

describe('study driver with a worker on the evaluation queue', () => {
  it('runs a study to COMPLETE at maxTrials: each trial once, with params and value, parallelism respected', async () => {
    const worker = startWorker('quad-a', async (job) => {
      await new Promise((r) => setTimeout(r, 5 + (job.trialNumber % 3) * 5)); // evaluations overlap
      return quadratic(job);
    }, { duplicateResults: true });
    const created = await tc.http.post('/studies', studySpec({ target: 'quad-a', budget: { maxTrials: 20, parallelism: 3 } }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    let maxInFlight = 0;
    const summary = await expectEventually(async () => {
      const res = await tc.http.get(`/studies/${id}`);
      maxInFlight = Math.max(maxInFlight, res.body.trials.queued + res.body.trials.running);
      expect(res.body.state).toBe('COMPLETE');
      return res.body;
    }, { intervalMs: 10, timeoutMs: 30_000 });

    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(worker.maxInFlight.get(id)).toBeLessThanOrEqual(3);
    expect(summary.stopReason).toBe('maxTrials reached (20)');
    expect(summary.trials).toMatchObject({ total: 20, complete: 20, queued: 0, running: 0 });
    const rows = await trialRows(id);
    expect(rows.map((r) => r.number)).toEqual([...Array(20).keys()]);
    for (const row of rows) {
      expect(row.state).toBe('COMPLETE');
      expect(row.value).toBe(quadraticValue(row.params));
    }
    // Every trial evaluated once: no job was enqueued twice.
    expect(new Set(worker.evaluated.map((j) => j.trialId)).size).toBe(worker.evaluated.length);
    const best = rows.reduce((a, b) => (b.value < a.value ? b : a));
    expect(summary.best).toEqual({ number: best.number, params: best.params, value: best.value, metrics: { value: best.value } });
    expect((await tc.http.get(`/studies/${id}/best`)).body).toEqual(summary.best);
  });

  it('proposes per the strategy: same seed, same history, same params as a second study', async () => {
    startWorker('quad-seq', quadratic, { concurrency: 1 });
    const spec = studySpec({ target: 'quad-seq', budget: { maxTrials: 6, parallelism: 1 } });
    const a = (await tc.http.post('/studies', spec)).body.id;
    await waitForState(a, 'COMPLETE');
    const b = (await tc.http.post('/studies', spec)).body.id;
    await waitForState(b, 'COMPLETE');
    expect((await trialRows(b)).map((r) => r.params)).toEqual((await trialRows(a)).map((r) => r.params));
  });

  it('maximises a named metric: best is the largest value of that metric', async () => {
    startWorker('thru', (job) => ({ metrics: { throughput: 100 - quadraticValue(job.params), latency: 1 } }));
    const spec = studySpec({ target: 'thru', objective: { metric: 'throughput', direction: 'maximize' }, budget: { maxTrials: 8, parallelism: 2 } });
    const id = (await tc.http.post('/studies', spec)).body.id;
    const summary = await waitForState(id, 'COMPLETE');
    const rows = await trialRows(id);
    const best = rows.reduce((a, b) => (b.value > a.value ? b : a));
    expect(summary).toMatchObject({ direction: 'maximize', metric: 'throughput', best: { number: best.number, value: best.value } });
    const listed = (await tc.http.get('/studies?state=COMPLETE&limit=1000')).body.items.find((s: { id: string }) => s.id === id);
    expect(listed.best).toEqual(summary.best);
    const trials = (await tc.http.get(`/studies/${id}/trials?limit=2&offset=1`)).body;
    expect(trials.total).toBe(8);
    expect(trials.items.map((t: { number: number }) => t.number)).toEqual([1, 2]);
    expect(trials.items[0]).toMatchObject({ state: 'COMPLETE', metrics: { throughput: expect.any(Number), latency: 1 }, workerId: 'fake-worker' });
  });

  it('FAILS the study once failures exceed maxFailedTrials, and records each reason', async () => {
    startWorker('flaky', (job) => (job.trialNumber % 2 === 0 ? { error: `boom ${job.trialNumber}` } : { metrics: { other: 1 } }));
    const id = (await tc.http.post('/studies', studySpec({ target: 'flaky', budget: { maxTrials: 20, parallelism: 2, maxFailedTrials: 3 } }))).body.id;
    const summary = await waitForState(id, 'FAILED');
    expect(summary.stopReason).toMatch(/^\d+ trials failed \(maxFailedTrials 3\)$/);
    expect(summary.trials.failed).toBeGreaterThanOrEqual(4);
    expect(summary.trials.queued + summary.trials.running).toBe(0);
    const rows = await trialRows(id);
    expect(rows.find((r) => r.number === 0)?.error).toBe('boom 0');
    expect(rows.find((r) => r.number === 1)?.error).toContain('the objective metric "value" is missing from the reported metrics (got: "other")');
  });

  it('STOPS a study through the API: pending trials CANCELLED, waiting jobs removed', async () => {
    // No worker serves this target: every proposed trial stays QUEUED.
    const id = (await tc.http.post('/studies', studySpec({ target: 'nobody', budget: { maxTrials: 10, parallelism: 4 } }))).body.id;
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.trials.queued).toBe(4));
    const stopped = await tc.http.post(`/studies/${id}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ state: 'STOPPED', stopReason: 'stopped by user', trials: { total: 4, cancelled: 4, queued: 0 } });
    expect(stopped.body.endedAt).toEqual(expect.any(String));
    const cancelled = await tc.http.get(`/studies/${id}/trials?state=CANCELLED`);
    expect(cancelled.body.total).toBe(4);
    // The jobs left the queue: no worker will evaluate a cancelled trial.
    const queue = new Queue(evaluationQueueName('nobody'), { connection: { url: tc.iso.redisUrl }, prefix: tc.iso.queuePrefix });
    expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });
    await queue.close();
    const again = await tc.http.post(`/studies/${id}/stop`);
    expect(again.body).toMatchObject({ state: 'STOPPED', trials: { cancelled: 4 } });
    expect((await tc.http.get(`/studies/${id}/best`)).status).toBe(404);
  });
});
