import { Rng } from '@attune/core/random/rng';
import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker } from '../../../test/support/fake-evaluation-worker';
import { coordinatorWithFakeWorkers } from '../../../test/support/coordinator-with-workers';
import { studySpec } from '../../../test/support/test-coordinator';

const { tc, workers } = coordinatorWithFakeWorkers();

/** Latency driven mostly by x1, a little by x2, not at all by x3, with seeded noise. */
function latencyWorker(target: string) {
  const rng = new Rng(11);
  const evaluate = (job: EvaluateTrialJob) => {
    const { x1, x2 } = job.params as { x1: number; x2: number };
    return { metrics: { latency: 100 + 40 * (x1 - 0.3) ** 2 + 3 * x2 + 0.2 * rng.normal(), rps: 1000 - 100 * x2 } };
  };
  workers.push(new FakeEvaluationWorker({ redisUrl: tc.iso.redisUrl, queuePrefix: tc.iso.queuePrefix, target, evaluate, concurrency: 4 }));
}

const parameters = ['x1', 'x2', 'x3'].map((name) => ({ name, type: 'float', min: 0, max: 1 }));

async function finished(spec: Record<string, unknown>): Promise<string> {
  const created = await tc.http.post('/studies', spec);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.state).toBe('COMPLETE'), { timeoutMs: 60_000 });
  return id;
}

describe('GET /studies/:id/importance, through a real coordinator', () => {
  it('ranks the parameters by their share of the objective\'s variance, and says how', { timeout: 90_000 }, async () => {
    latencyWorker('importance-single');
    const id = await finished(studySpec({ name: 'importance-single', target: 'importance-single', parameters, objective: { metric: 'latency', direction: 'minimize' }, budget: { maxTrials: 30, parallelism: 4 } }));
    const res = await tc.http.get(`/studies/${id}/importance`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ method: 'sobol-gp', objective: 'latency', trials: 30, modelPoints: 30, evaluations: 1024 * 5 });
    expect(res.body.note).toMatch(/Sobol indices/);
    const names = res.body.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(['x1', 'x2', 'x3']);
    const total = res.body.parameters.reduce((s: number, p: { importance: number }) => s + p.importance, 0);
    expect(total).toBeCloseTo(1, 9);
    // The same trials and seed give the same answer.
    expect((await tc.http.get(`/studies/${id}/importance?objective=latency`)).body).toEqual(res.body);
    const bad = await tc.http.get(`/studies/${id}/importance?objective=rps`);
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: 'objective', message: "must be one of the study's objectives: latency" }]);
  });

  it('answers per objective of a Pareto study, the first by default', { timeout: 90_000 }, async () => {
    latencyWorker('importance-pareto');
    const objectives = [
      { metric: 'latency', direction: 'minimize' },
      { metric: 'rps', direction: 'maximize' },
    ];
    const spec = { name: 'importance-pareto', target: 'importance-pareto', parameters, objective: undefined, objectives, strategy: { name: 'nsga2', seed: 1 } };
    const id = await finished(studySpec({ ...spec, budget: { maxTrials: 16, parallelism: 4 } }));
    const rps = await tc.http.get(`/studies/${id}/importance?objective=rps`);
    expect(rps.status).toBe(200);
    // rps depends on x2 alone.
    expect(rps.body).toMatchObject({ objective: 'rps', trials: 16 });
    expect(rps.body.parameters[0]).toMatchObject({ name: 'x2', importance: expect.closeTo(1, 1) });
    expect(rps.body.note).toMatch(/Objective rps, one of latency, rps/);
    const first = await tc.http.get(`/studies/${id}/importance`);
    expect(first.body).toMatchObject({ objective: 'latency', parameters: [{ name: 'x1' }, {}, {}] });
  });

  it('says when there are too few trials, with 200', { timeout: 90_000 }, async () => {
    latencyWorker('importance-short');
    const id = await finished(studySpec({ name: 'importance-short', target: 'importance-short', parameters, objective: { metric: 'latency', direction: 'minimize' }, budget: { maxTrials: 4, parallelism: 2 } }));
    const res = await tc.http.get(`/studies/${id}/importance`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ objective: 'latency', problem: 'needs at least 10 completed feasible trials, has 4', trials: 4 });
  });

  it('is 404 for an unknown study and 400 for a malformed id', async () => {
    expect((await tc.http.get(`/studies/${randomUUID()}/importance`)).status).toBe(404);
    const bad = await tc.http.get('/studies/nope/importance');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('id');
  });
});
