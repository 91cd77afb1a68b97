import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker, type FakeOutcome } from '../../../test/support/fake-evaluation-worker';
import { coordinatorWithFakeWorkers } from '../../../test/support/coordinator-with-workers';
import { studySpec } from '../../../test/support/test-coordinator';

const { tc, workers } = coordinatorWithFakeWorkers();

function worker(target: string, evaluate: (job?: EvaluateTrialJob) => FakeOutcome | Promise<FakeOutcome>) {
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

  it('stops once a trial improves on the baseline by the target, and the verification that follows confirms it', async () => {
    // Latency 100 at the default x = 10, 50 at x = 0: a 20% improvement is x ≤ 6.
    worker('target', (job) => ({ metrics: { value: 50 + 5 * (job!.params.x as number) } }));
    const created = await tc.http.post(
      '/studies',
      studySpec({
        target: 'target',
        parameters: [{ name: 'x', type: 'float', min: 0, max: 10, default: 10 }],
        baseline: true,
        verification: { repeats: 3, top: 1 },
        budget: { maxTrials: 50, parallelism: 1 },
        convergence: { targetImprovement: 0.2 },
      }),
    );
    const study = await ended(created.body.id);
    expect(study.stopReason).toMatch(/^converged \(target-improvement\): /);
    expect(study.trials.complete).toBeLessThan(50);
    const verification = await expectEventually(async () => {
      const res = await tc.http.get(`/studies/${created.body.id}/verification`);
      expect(res.body.state).toBe('COMPLETE');
      return res.body;
    });
    expect(verification.report.winner).toBeGreaterThan(0);
    expect(verification.report.significant).toBe(true);
  });

  it('stops when the best-so-far has settled (improvement variance) and when the regret bound is below the noise', async () => {
    worker('settled', () => ({ metrics: { value: 1 } }));
    const settled = await tc.http.post('/studies', studySpec({ target: 'settled', budget: { maxTrials: 60, parallelism: 1 }, convergence: { improvementVariance: { window: 5, threshold: 1e-9 }, minTrials: 5 } }));
    expect((await ended(settled.body.id)).stopReason).toMatch(/^converged \(improvement-variance\): /);
    // A flat function measured with noise: nothing is left to find beyond the noise.
    let n = 0;
    worker('noisy-flat', () => ({ metrics: { value: 10 + Math.sin(n++ * 12.9898) } }));
    const flat = await tc.http.post('/studies', studySpec({ target: 'noisy-flat', budget: { maxTrials: 120, parallelism: 1 }, convergence: { regretBound: { minTrials: 20 } } }));
    const study = await ended(flat.body.id);
    expect(study.stopReason).toMatch(/^converged \(regret-bound\): /);
    expect(study.trials.complete).toBeLessThan(120);
  }, 60_000);

  it('refuses rules that do not fit the study, naming the field', async () => {
    const res = await tc.http.post('/studies', studySpec({ convergence: { targetImprovement: 0.1 } }));
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain('convergence.targetImprovement');
  });
});
