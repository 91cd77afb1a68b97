import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { parseStudySpec } from '@attune/core/spec/parse-study-spec';
import { openDataSource } from '@attune/persistence/open-data-source';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { jobIdForTrial } from '@attune/queue/job-ids';
import { evaluationQueueName } from '@attune/queue/queue-names';
import { Queue, UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker } from '../../../test/support/fake-evaluation-worker';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';

// No grace past trialTimeoutSec, so a hung trial times out within a sweep or two.
const tc = testCoordinator({ ATTUNE_TIMEOUT_GRACE_SEC: '0' });

const evalQueue = (target: string) => new Queue(evaluationQueueName(target), { connection: { url: tc.iso.redisUrl }, prefix: tc.iso.queuePrefix });
const worker = (target: string, evaluate: ConstructorParameters<typeof FakeEvaluationWorker>[0]['evaluate']) =>
  new FakeEvaluationWorker({ redisUrl: tc.iso.redisUrl, queuePrefix: tc.iso.queuePrefix, target, evaluate });

async function trials(id: string) {
  return (await tc.http.get(`/studies/${id}/trials?limit=1000`)).body.items as { id: string; number: number; state: string; error?: string }[];
}

beforeAll(() => tc.start());
afterAll(() => tc.destroy());

describe('reconciliation by the sweep', () => {
  it('re-enqueues the job of a QUEUED trial whose job went missing (same job id)', async () => {
    const id = (await tc.http.post('/studies', studySpec({ target: 'lost', budget: { maxTrials: 3, parallelism: 2 } }))).body.id;
    await expectEventually(async () => expect((await trials(id)).length).toBe(2));
    const queue = evalQueue('lost');
    const [first] = await trials(id);
    expect(await queue.remove(jobIdForTrial(first.id))).toBe(1);
    await expectEventually(async () => expect(await queue.getJobState(jobIdForTrial(first.id))).toBe('waiting'));
    await queue.close();
    const w = worker('lost', () => ({ metrics: { value: 1 } }));
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.state).toBe('COMPLETE'));
    await w.close();
    expect(w.evaluated.filter((j) => j.trialId === first.id)).toHaveLength(1);
  });

  it('fails a trial whose job failed for good, with the job failure reason', async () => {
    const w = worker('broken', (job) => {
      if (job.trialNumber === 0) throw new UnrecoverableError('target adapter exploded');
      return { metrics: { value: job.trialNumber } };
    });
    const id = (await tc.http.post('/studies', studySpec({ target: 'broken', budget: { maxTrials: 3, parallelism: 1 } }))).body.id;
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.state).toBe('COMPLETE'));
    await w.close();
    const [first] = await trials(id);
    expect(first).toMatchObject({ number: 0, state: 'FAILED', error: 'evaluation job failed: target adapter exploded' });
  });

  it('says "worker died while evaluating" when every worker that took the trial died (its job stalled too often)', async () => {
    const w = worker('deadly', (job) => {
      // What BullMQ records when the stalled check gives up on a job whose workers kept dying.
      if (job.trialNumber === 0) throw new UnrecoverableError('job stalled more than allowable limit');
      return { metrics: { value: job.trialNumber } };
    });
    const id = (await tc.http.post('/studies', studySpec({ target: 'deadly', budget: { maxTrials: 2, parallelism: 1 } }))).body.id;
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.state).toBe('COMPLETE'));
    await w.close();
    const [first] = await trials(id);
    expect(first).toMatchObject({ number: 0, state: 'FAILED', error: expect.stringMatching(/^worker died while evaluating: .*not retried again/) });
  });

  it('catches up on job events missed while no coordinator ran: failed jobs and started ones', async () => {
    const id = (await tc.http.post('/studies', studySpec({ target: 'offline', budget: { maxTrials: 2, parallelism: 2 } }))).body.id;
    const [first, second] = await expectEventually(async () => {
      const items = await trials(id);
      expect(items).toHaveLength(2);
      return items;
    });
    await tc.stop();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const w = worker('offline', async (job) => {
      if (job.trialNumber === 0) throw new UnrecoverableError('exploded while nobody listened');
      await gate;
      return { metrics: { value: 3 } };
    });
    const queue = evalQueue('offline');
    await expectEventually(async () => {
      expect(await queue.getJobState(jobIdForTrial(first.id))).toBe('failed');
      expect(await queue.getJobState(jobIdForTrial(second.id))).toBe('active');
    });
    await queue.close();

    await tc.start();
    await expectEventually(async () => {
      const [a, b] = await trials(id);
      expect(a).toMatchObject({ state: 'FAILED', error: 'evaluation job failed: exploded while nobody listened' });
      expect(b).toMatchObject({ state: 'RUNNING', startedAt: expect.any(String) });
    });
    release();
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body).toMatchObject({ state: 'COMPLETE', best: { value: 3 } }));
    await w.close();
  });

  it('times out a RUNNING trial with no result past trialTimeoutSec, and ignores its late result', async () => {
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    const w = worker('hung', async () => {
      await hung;
      return { metrics: { value: 0 } };
    });
    const id = (await tc.http.post('/studies', studySpec({ target: 'hung', budget: { maxTrials: 1, parallelism: 1, trialTimeoutSec: 0.3 } }))).body.id;
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.state).toBe('FAILED'));
    const [trial] = await trials(id);
    expect(trial).toMatchObject({ state: 'TIMED_OUT', error: 'no result within trialTimeoutSec (0.3 s) plus 0 s grace' });
    release();
    await expectEventually(() => expect(w.evaluated).toHaveLength(1));
    await w.close();
    expect((await trials(id))[0]).toMatchObject({ state: 'TIMED_OUT' });
    expect((await tc.http.get(`/studies/${id}`)).body.stopReason).toBe('no trial completed: the only trial failed');
  });
});

describe('studies the API did not create', () => {
  it('picks up a RUNNING study from the database and FAILS it when its strategy cannot run', async () => {
    const ds = await openDataSource({ url: tc.iso.databaseUrl, schema: tc.iso.schema }, 1);
    // Written behind the API's back (as an older version might have), with a strategy this build lacks.
    const study = await new StudyRepository(ds).insert(parseStudySpec(studySpec({ strategy: { name: 'retired' } })));
    await ds.destroy();
    const summary = await expectEventually(async () => {
      const res = await tc.http.get(`/studies/${study.id}`);
      expect(res.body.state).toBe('FAILED');
      return res.body;
    });
    expect(summary.stopReason).toMatch(/^strategy "retired" failed: unknown strategy "retired"/);
    expect(summary.trials.total).toBe(0);
  });

  it('runs a study whose spec an older version stored (no measurement model fields) as it ran then: one metric, measured once', async () => {
    const ds = await openDataSource({ url: tc.iso.databaseUrl, schema: tc.iso.schema }, 1);
    // The spec exactly as the version before issue 8 stored it: defaults applied, no objectives/constraints/baseline/measurement.
    const stored = {
      name: 'from-before',
      target: 'old-format',
      parameters: [{ name: 'x', type: 'float', min: -3, max: 3 }],
      objective: { metric: 'value', direction: 'minimize' },
      strategy: { name: 'random', seed: 0, options: {} },
      budget: { maxTrials: 4, parallelism: 2, trialTimeoutSec: 60 },
    };
    const study = await new StudyRepository(ds).insert(stored as unknown as StudySpec);
    await ds.destroy();
    const w = new FakeEvaluationWorker({ redisUrl: tc.iso.redisUrl, queuePrefix: tc.iso.queuePrefix, target: 'old-format', evaluate: (job) => ({ metrics: { value: (job.params.x as number) ** 2 } }) });
    try {
      const summary = await expectEventually(async () => {
        const res = await tc.http.get(`/studies/${study.id}`);
        expect(res.body.state).toBe('COMPLETE');
        return res.body;
      });
      expect(summary).toMatchObject({ direction: 'minimize', metric: 'value', trials: { complete: 4 } });
      expect(w.evaluated.every((job) => job.measurement === undefined && job.metric === 'value')).toBe(true);
      const best = (await tc.http.get(`/studies/${study.id}/best`)).body;
      expect(best.value).toBe(Math.min(...w.evaluated.map((job) => (job.params.x as number) ** 2)));
    } finally {
      await w.close();
    }
  });
});
