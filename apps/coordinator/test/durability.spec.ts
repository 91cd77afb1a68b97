import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { RESULTS_QUEUE } from '@attune/queue/queue-names';
import { Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker, type FakeOutcome } from '../../../test/support/fake-evaluation-worker';
import { startCoordinator } from '../src/main';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';

const tc = testCoordinator();
let db: Client;
let results: Queue;
const value = (job: Pick<EvaluateTrialJob, 'params'>): FakeOutcome => ({ metrics: { value: Math.abs((job.params.x as number) - 2) } });

async function trialRows(studyId: string) {
  const sql = `SELECT id, number, state, params, value FROM "${tc.iso.schema}".trials WHERE study_id = $1 ORDER BY number`;
  return (await db.query(sql, [studyId])).rows;
}

beforeAll(async () => {
  await tc.start();
  db = new Client({ connectionString: tc.iso.databaseUrl });
  await db.connect();
  results = new Queue(RESULTS_QUEUE, { connection: { url: tc.iso.redisUrl }, prefix: tc.iso.queuePrefix });
});
afterAll(async () => {
  await results?.close();
  await db?.end();
  await tc.destroy();
});

describe('durable results', () => {
  it('ingests results posted while the coordinator was down, none lost or counted twice', async () => {
    const id = (await tc.http.post('/studies', studySpec({ target: 'durable', budget: { maxTrials: 8, parallelism: 4 } }))).body.id;
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.trials.queued).toBe(4));
    await tc.stop();

    // The coordinator is down: a worker evaluates the 4 queued trials and posts their results, each twice.
    const worker = new FakeEvaluationWorker({ redisUrl: tc.iso.redisUrl, queuePrefix: tc.iso.queuePrefix, target: 'durable', evaluate: value, duplicateResults: true });
    await expectEventually(async () => expect(await results.getJobCounts('waiting')).toEqual({ waiting: 8 }));
    // A re-post under the same job id is dropped by BullMQ itself.
    const first = worker.evaluated[0];
    await worker.postResult({ studyId: id, trialId: first.trialId, outcome: 'COMPLETE', metrics: { value: -1e9 }, workerId: 'late', startedAt: new Date().toISOString(), finishedAt: new Date().toISOString() });
    expect((await results.getJobCounts('waiting')).waiting).toBe(8);
    expect((await trialRows(id)).map((r) => r.state)).toEqual(['QUEUED', 'QUEUED', 'QUEUED', 'QUEUED']);

    await tc.start();
    const summary = await expectEventually(async () => {
      const res = await tc.http.get(`/studies/${id}`);
      expect(res.body.state).toBe('COMPLETE');
      return res.body;
    }, { timeoutMs: 30_000 });
    await worker.close();

    expect(summary.trials).toMatchObject({ total: 8, complete: 8 });
    const rows = await trialRows(id);
    expect(rows.map((r) => r.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const row of rows) expect(row.value).toBe((value(row) as { metrics: { value: number } }).metrics.value);
    expect(worker.evaluated.map((j) => j.trialId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(summary.best.value).toBe(Math.min(...rows.map((r) => r.value)));
    // Every result job was consumed: 8 trials plus their 8 duplicates.
    expect(await results.getJobCounts('waiting', 'failed', 'completed')).toMatchObject({ waiting: 0, completed: 16 });
  });

  it('retries at start the results whose ingestion had failed for good', async () => {
    const id = (await tc.http.post('/studies', studySpec({ target: 'retry', budget: { maxTrials: 1, parallelism: 1 } }))).body.id;
    const [trial] = await expectEventually(async () => {
      const rows = await trialRows(id);
      expect(rows).toHaveLength(1);
      return rows;
    });
    await tc.stop();
    const now = new Date().toISOString();
    const result = { studyId: id, trialId: trial.id, outcome: 'COMPLETE', metrics: { value: 4 }, workerId: 'w', startedAt: now, finishedAt: now };
    await results.add('trial-result', result, { jobId: trial.id, attempts: 1, removeOnFail: false });
    // Stand in for an ingestion that failed on every attempt (the database was down, say).
    const failing = new Worker(RESULTS_QUEUE, async () => Promise.reject(new Error('database unreachable')), { connection: { url: tc.iso.redisUrl }, prefix: tc.iso.queuePrefix });
    await expectEventually(async () => expect(await results.getJobState(trial.id)).toBe('failed'));
    await failing.close();

    await tc.start();
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body).toMatchObject({ state: 'COMPLETE', best: { value: 4 } }));
  });

  it('fails a malformed result job for good, without retries', async () => {
    await results.add('trial-result', { trialId: 'nope', outcome: 'DONE' }, { jobId: 'malformed-1', attempts: 5, removeOnFail: false });
    await expectEventually(async () => expect(await results.getJobState('malformed-1')).toBe('failed'));
    const job = (await results.getJob('malformed-1'))!;
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^malformed trial result: studyId: is required; trialId: .*; outcome: must be one of "COMPLETE", "FAILED", "TIMED_OUT"/);
  });

  it('lets another coordinator take over a study when its driver stops', async () => {
    const second = await startCoordinator({ env: { ...tc.iso.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ATTUNE_SWEEP_MS: '200' } });
    const worker = new FakeEvaluationWorker({
      redisUrl: tc.iso.redisUrl,
      queuePrefix: tc.iso.queuePrefix,
      target: 'handover',
      evaluate: async (job) => {
        await new Promise((r) => setTimeout(r, 10));
        return value(job);
      },
    });
    try {
      const id = (await tc.http.post('/studies', studySpec({ target: 'handover', budget: { maxTrials: 40, parallelism: 4 } }))).body.id;
      await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.trials.complete).toBeGreaterThanOrEqual(5));
      await tc.stop();
      const res = await expectEventually(async () => {
        const r = (await fetch(`${second.url}/studies/${id}`).then((x) => x.json())) as { state: string; trials: unknown };
        expect(r.state).toBe('COMPLETE');
        return r;
      }, { timeoutMs: 30_000 });
      expect(res.trials).toMatchObject({ total: 40, complete: 40 });
      const rows = await trialRows(id);
      expect(rows.map((r) => r.number)).toEqual([...Array(40).keys()]);
      expect(new Set(worker.evaluated.map((j) => j.trialId)).size).toBe(40);
    } finally {
      await worker.close();
      await second.close();
    }
  });
});
