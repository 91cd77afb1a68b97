import { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { rankByPosteriorMean } from '@attune/strategies/recommendation/rank-by-posterior-mean';
import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker, type FakeOutcome } from '../../../test/support/fake-evaluation-worker';
import { coordinatorWithFakeWorkers } from '../../../test/support/coordinator-with-workers';
import { studySpec } from '../../../test/support/test-coordinator';

const { tc, workers } = coordinatorWithFakeWorkers();

/**
 * A target whose true latency is known, measured with seeded Gaussian noise
 * (sd `noise`): `truth(x)` for the configuration, whatever the measurement's
 * order. Verification re-measurements are marked by their job.
 */
function noisyWorker(target: string, truth: (x: number) => number, noise: number) {
  const rng = Rng.derive(42, target.length);
  const evaluate = (job: EvaluateTrialJob): FakeOutcome => ({ metrics: { latency: truth(job.params.x as number) + noise * rng.normal() } });
  const worker = new FakeEvaluationWorker({ redisUrl: tc.iso.redisUrl, queuePrefix: tc.iso.queuePrefix, target, evaluate, concurrency: 1 });
  workers.push(worker);
  return worker;
}

const spec = (target: string) =>
  studySpec({
    name: `verify-${target}`,
    target,
    parameters: [{ name: 'x', type: 'float', min: 0, max: 10, default: 10 }],
    objective: { metric: 'latency', direction: 'minimize' },
    baseline: true,
    verification: { repeats: 5, top: 2 },
    strategy: { name: 'random', seed: 3 },
    budget: { maxTrials: 8, parallelism: 1 },
  });

async function verificationOf(id: string) {
  return expectEventually(
    async () => {
      const res = await tc.http.get(`/studies/${id}/verification`);
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('COMPLETE');
      return res.body;
    },
    { timeoutMs: 30_000 },
  );
}

describe('verification of the winner, through a real coordinator', () => {
  it('re-measures the top candidates and the baseline, interleaved, and reports a real improvement as significant', { timeout: 60_000 }, async () => {
    // Latency 100 at the default x = 10, 50 at x = 0: every other configuration is a real improvement.
    const worker = noisyWorker('verify-real', (x) => 50 + 5 * x, 2);
    const created = await tc.http.post('/studies', spec('verify-real'));
    expect(created.status).toBe(201);
    const verification = await verificationOf(created.body.id);
    const reMeasured = worker.evaluated.filter((j) => j.verification);
    expect(reMeasured).toHaveLength(15);
    expect(verification.progress).toEqual({ taken: 15, total: 15 });
    // Interleaved: the baseline (trial 0) is measured once in every round of three.
    const rounds = [0, 1, 2, 3, 4].map((r) => reMeasured.slice(3 * r, 3 * r + 3).map((j) => j.trialNumber).sort());
    for (const round of rounds) expect(round).toEqual([...new Set(round)]);
    expect(verification.report.significant).toBe(true);
    const winner = verification.report.candidates.find((c: { trial: number }) => c.trial === verification.report.winner);
    expect(winner.comparison.improvement.low).toBeGreaterThan(0);
    const events = await (await fetch(`${tc.http.baseUrl}/studies/${created.body.id}/events`)).text();
    expect(events).toContain('"kind":"verified"');
  });

  it('reports a winner that is no better than the baseline as not significant', { timeout: 60_000 }, async () => {
    // Every configuration measures the same system: whatever the search found is luck.
    noisyWorker('verify-flat', () => 100, 2);
    const created = await tc.http.post('/studies', spec('verify-flat'));
    const verification = await verificationOf(created.body.id);
    expect(verification.report.significant).toBe(false);
    const events = await (await fetch(`${tc.http.baseUrl}/studies/${created.body.id}/events`)).text();
    expect(events).toContain('"kind":"no-significant-improvement"');
  });

  it('verifies on demand, and refuses a RUNNING study or bad options with the field named', { timeout: 60_000 }, async () => {
    const created = await tc.http.post('/studies', { ...spec('verify-demand'), verification: false });
    const id = created.body.id;
    const running = await tc.http.post(`/studies/${id}/verify`, {});
    expect(running.status).toBe(409);
    expect(running.body.message).toContain('RUNNING');
    noisyWorker('verify-demand', (x) => 50 + 5 * x, 2);
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.state).toBe('COMPLETE'));
    expect((await tc.http.get(`/studies/${id}/verification`)).status).toBe(404);
    const bad = await tc.http.post(`/studies/${id}/verify`, { repeats: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(['repeats']);
    const started = await tc.http.post(`/studies/${id}/verify`, { repeats: 3, top: 1 });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'RUNNING', options: { repeats: 3, top: 1 }, progress: { taken: 0, total: 6 } });
    const done = await verificationOf(id);
    expect(done.measurements).toHaveLength(6);
  });

  it("chooses its candidates by a GP's posterior mean over the history, not by their own (lucky) measurements", { timeout: 60_000 }, async () => {
    // Latency 50 + 5x measured with noise of sd 8: the best measured trial owes much of its place to luck.
    noisyWorker('verify-ranked', (x) => 50 + 5 * x, 8);
    const created = await tc.http.post('/studies', { ...spec('verify-ranked'), verification: { repeats: 3, top: 1 }, budget: { maxTrials: 16, parallelism: 1 } });
    const verification = await verificationOf(created.body.id);
    expect(verification.options.candidatesBy).toBe('posterior-mean');
    const trials = (await tc.http.get(`/studies/${created.body.id}/trials?limit=100`)).body.items as { number: number; state: 'COMPLETE'; params: { x: number }; metrics: { latency: number } }[];
    const views = trials.map((t) => ({ number: t.number, state: t.state, params: t.params, loss: t.metrics.latency }));
    const [modelBest] = rankByPosteriorMean(spec('verify-ranked').parameters as SearchSpace, views, 3)!.filter((n) => n !== 0);
    const [measuredBest] = views.filter((t) => t.number !== 0).sort((a, b) => a.loss - b.loss);
    // On this seed the two differ (the test would show nothing otherwise), and the model's is truly better.
    expect(modelBest).not.toBe(measuredBest.number);
    expect(trials[modelBest].params.x).toBeLessThan(measuredBest.params.x);
    expect(verification.candidates.filter((n: number) => n !== 0)).toEqual([modelBest]);
  });

  it('chooses by measured values with too few trials for a model', { timeout: 60_000 }, async () => {
    noisyWorker('verify-few', (x) => 50 + 5 * x, 2);
    const created = await tc.http.post('/studies', { ...spec('verify-few'), verification: { repeats: 2, top: 1 }, budget: { maxTrials: 4, parallelism: 1 } });
    const verification = await verificationOf(created.body.id);
    expect(verification.options.candidatesBy).toBe('measured');
    const trials = (await tc.http.get(`/studies/${created.body.id}/trials`)).body.items as { number: number; metrics: { latency: number } }[];
    const [measuredBest] = trials.filter((t) => t.number !== 0).sort((a, b) => a.metrics.latency - b.metrics.latency);
    expect(verification.candidates.filter((n: number) => n !== 0)).toEqual([measuredBest.number]);
  });
});
