import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker, type FakeOutcome } from '../../../test/support/fake-evaluation-worker';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';

const tc = testCoordinator();
const workers: FakeEvaluationWorker[] = [];

beforeAll(() => tc.start());
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});
afterAll(() => tc.destroy());

function worker(target: string, evaluate: () => FakeOutcome | Promise<FakeOutcome>) {
  const w = new FakeEvaluationWorker({ redisUrl: tc.iso.redisUrl, queuePrefix: tc.iso.queuePrefix, target, evaluate, concurrency: 1 });
  workers.push(w);
  return w;
}

async function ended(id: string) {
  return expectEventually(async () => {
    const res = await tc.http.get(`/studies/${id}`);
    expect(res.body.state).toBe('COMPLETE');
    return res.body;
  });
}

describe('convergence rules stop a real study, each with its reason', () => {
  it('stops once the best has not improved for `patience` trials', async () => {
    worker('flat', () => ({ metrics: { value: 1 } }));
    const created = await tc.http.post('/studies', studySpec({ target: 'flat', budget: { maxTrials: 50, parallelism: 1 }, convergence: { patience: 4, minTrials: 3 } }));
    expect(created.status).toBe(201);
    const study = await ended(created.body.id);
    // Trial 0 set the best; trials 1–4 did not improve on it.
    expect(study.trials.complete).toBe(5);
    expect(study.stopReason).toBe("converged (patience): no improvement in the last 4 trials (best 1 since trial 0)");
    const events = await (await fetch(`${tc.http.baseUrl}/studies/${created.body.id}/events`)).text();
    expect(events).toContain('"kind":"converged","rule":"patience"');
  });

  it('stops at its wall-clock budget even while a trial is still being measured', async () => {
    worker('slow', () => new Promise((resolve) => setTimeout(() => resolve({ metrics: { value: Math.random() } }), 400)));
    const created = await tc.http.post('/studies', studySpec({ target: 'slow', budget: { maxTrials: 50, parallelism: 1 }, convergence: { maxDurationSec: 1 } }));
    const study = await ended(created.body.id);
    expect(study.stopReason).toMatch(/^converged \(max-duration\)/);
    expect(study.trials.total).toBeLessThan(10);
  });

  it('refuses rules that do not fit the study, naming the field', async () => {
    const res = await tc.http.post('/studies', studySpec({ convergence: { targetImprovement: 0.1 } }));
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain('convergence.targetImprovement');
  });
});
