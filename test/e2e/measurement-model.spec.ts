import {
  apiErrorSchema,
  createdStudySchema,
  enqueuedTrialsSchema,
  pageSchema,
  studyDetailSchema,
  studySummarySchema,
  verificationJsonSchema,
  workerRowSchema,
} from '@attune/core/api/responses';
import { compositeScore } from '@attune/core/objective/composite-score';
import { median } from '@attune/core/objective/aggregate-repeats';
import { dominates } from '@attune/core/pareto/dominance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune } from '../support/attune-processes';
import { expectEventually } from '../support/expect-eventually';
import { HttpClient } from '../support/http-client';
import { parsedAs, studyThroughApi } from './api-contract';
import { E2eStack } from './e2e-stack';

const space = [
  { name: 'x', type: 'float', min: 0, max: 1, default: 0.5 },
  { name: 'y', type: 'float', min: 0, max: 1, default: 0.5 },
];

const compositeSpec = {
  name: 'e2e-composite',
  target: 'system',
  parameters: space,
  objective: {
    composite: [
      { metric: 'p99', direction: 'minimize' as const, weight: 2 },
      { metric: 'rps', direction: 'maximize' as const, weight: 1 },
    ],
  },
  constraints: [{ metric: 'mem', max: 150 }],
  baseline: true,
  measurement: { repeats: 3, warmup: 1, aggregate: 'median' },
  strategy: { name: 'random', seed: 3 },
  budget: { maxTrials: 8, parallelism: 2, trialTimeoutSec: 60 },
};

interface TrialRow extends Record<string, unknown> {
  id: string;
  number: number;
  state: string;
  origin: string | null;
  value: number | null;
  metrics: Record<string, number> | null;
  feasible: boolean | null;
  score: { improvement?: { score?: number; perMetric: Record<string, number> }; losses?: number[] } | null;
  created_at: Date;
  ended_at: Date | null;
}

interface MeasurementRow extends Record<string, unknown> {
  repeat: number;
  warmup: boolean;
  metrics: Record<string, number>;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/studies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('several metrics, constraints, a baseline and repeats, through the real coordinator and workers', () => {
  const stack = new E2eStack();

  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('measures the baseline first, stores every repeat, and scores each trial from them as the README says', async () => {
    const run = await runAttune(['study', 'run', stack.writeSpec('composite', compositeSpec), '--wait', '--json', '--url', stack.url], stack.env);
    expect(run.code, `${run.stderr}\n${stack.logs()}`).toBe(0);
    const study = JSON.parse(run.stdout) as { id: string; state: string };
    expect(study.state).toBe('COMPLETE');
    const trials = await stack.sql<TrialRow>(`SELECT * FROM trials WHERE study_id = $1 ORDER BY number`, [study.id]);
    expect(trials).toHaveLength(8);
    const [baseline, ...rest] = trials;
    expect(baseline).toMatchObject({ number: 0, origin: 'baseline', state: 'COMPLETE', value: 0 });
    // Nothing else was proposed before the baseline had been measured.
    for (const t of rest) expect(t.created_at.getTime()).toBeGreaterThanOrEqual(baseline.ended_at!.getTime());
    for (const t of trials.filter((r) => r.state === 'COMPLETE')) {
      const rows = await stack.sql<MeasurementRow>(`SELECT * FROM measurements WHERE trial_id = $1 ORDER BY repeat`, [t.id]);
      expect(rows.map((r) => [r.repeat, r.warmup])).toEqual([[0, true], [1, false], [2, false], [3, false]]);
      const counted = rows.filter((r) => !r.warmup);
      for (const metric of ['p99', 'rps', 'mem']) expect(t.metrics![metric]).toBe(median(counted.map((r) => r.metrics[metric])));
      // The score recomputed from the stored raw metrics is the stored one.
      expect(t.value).toBeCloseTo(compositeScore(compositeSpec.objective.composite, t.metrics!, baseline.metrics!), 12);
      expect(t.feasible).toBe(t.metrics!.mem <= 150);
      expect(t.score?.improvement?.score).toBeCloseTo(-t.value!, 12);
    }
    const best = (await (await fetch(`${stack.url}/studies/${study.id}/best`)).json()) as { number: number; value: number };
    const feasible = trials.filter((t) => t.state === 'COMPLETE' && t.feasible);
    expect(best.value).toBe(Math.min(...feasible.map((t) => t.value!)));
    // Every route of the study answers as libs/core/src/api declares it: scores with constraints, a composite's verification.
    const api = await studyThroughApi(new HttpClient(stack.url), study.id);
    expect(api.trials).toHaveLength(8);
    expect(api.verification?.report?.candidates.length).toBeGreaterThan(0);
  });

  it('keeps the Pareto front of two objectives with nsga2: non-dominated, feasible trials', async () => {
    const spec = {
      ...compositeSpec,
      name: 'e2e-pareto',
      objective: undefined,
      objectives: [
        { metric: 'p99', direction: 'minimize' },
        { metric: 'rps', direction: 'maximize' },
      ],
      baseline: undefined,
      measurement: undefined,
      strategy: { name: 'nsga2', seed: 1 },
      budget: { maxTrials: 16, parallelism: 4, trialTimeoutSec: 60 },
    };
    const run = await runAttune(['study', 'run', stack.writeSpec('pareto', spec), '--wait', '--json', '--url', stack.url], stack.env);
    expect(run.code, `${run.stderr}\n${stack.logs()}`).toBe(0);
    const id = (JSON.parse(run.stdout) as { id: string }).id;
    const { front } = (await (await fetch(`${stack.url}/studies/${id}/best`)).json()) as { front: { number: number }[] };
    const trials = await stack.sql<TrialRow>(`SELECT * FROM trials WHERE study_id = $1 AND state = 'COMPLETE' ORDER BY number`, [id]);
    const losses = (t: TrialRow) => t.score!.losses!;
    const feasible = trials.filter((t) => t.feasible);
    const expected = feasible.filter((t) => !feasible.some((o) => dominates(losses(o), losses(t)))).map((t) => t.number);
    expect(front.map((t) => t.number)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    // The same through the contract: a front for best, the importance of each objective, no verification (404).
    const api = await studyThroughApi(new HttpClient(stack.url), id);
    expect(api.best && 'front' in api.best && api.best.front.map((t) => t.number)).toEqual(expected);
    expect(api.importance).toHaveLength(2);
    expect(api.verification).toBeUndefined();
  });

  it('refuses bad measurement models with a 400 naming the field, and stores nothing', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ objective: { composite: [{ metric: 'p99', direction: 'minimize', weight: 0 }, { metric: 'rps', direction: 'maximize' }] } }, 'objective.composite[0].weight'],
      [{ constraints: [{ metric: 'mem' }] }, 'constraints[0]'],
      [{ objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] }, 'objectives'],
      [{ objective: undefined, objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }], strategy: { name: 'cmaes' } }, 'strategy.name'],
      [{ baseline: { params: { x: 2 } } }, 'baseline.params.x'],
      [{ objective: { composite: [{ metric: '__proto__', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] } }, 'objective.composite[0].metric'],
    ];
    const before = await stack.sql(`SELECT count(*)::int AS n FROM studies`);
    for (const [change, field] of bad) {
      const { status, json } = await post(stack.url, { ...compositeSpec, ...change });
      expect(status, JSON.stringify(json)).toBe(400);
      expect((json.issues as { path: string }[]).map((i) => i.path)).toContain(field);
    }
    expect(await stack.sql(`SELECT count(*)::int AS n FROM studies`)).toEqual(before);
  });

  it('answers the writes and the workers as libs/core/src/api declares them: submit, enqueue, verify on demand, stop', { timeout: 180_000 }, async () => {
    const http = new HttpClient(stack.url);
    const workers = parsedAs(pageSchema(workerRowSchema), await http.get('/workers'), 'GET /workers');
    expect(workers.items.map((w) => w.targets)).toEqual([expect.arrayContaining(['system']), expect.arrayContaining(['system'])]);
    // No constraints and 12 trials: enough feasible ones for the importance's shares. Verified on demand only.
    const spec = { ...compositeSpec, name: 'e2e-contract', constraints: undefined, verification: false, budget: { maxTrials: 12, parallelism: 3, trialTimeoutSec: 60 } };
    const created = parsedAs(createdStudySchema, await http.post('/studies', spec), 'POST /studies', 201);
    const enqueued = parsedAs(enqueuedTrialsSchema, await http.post(`/studies/${created.id}/trials`, { trials: [{ params: { x: 0.3, y: 0 } }] }), 'POST /studies/:id/trials', 201);
    expect(enqueued.trials.map((t) => [t.origin, t.state])).toEqual([['enqueued', 'QUEUED']]);
    const state = async () => parsedAs(studyDetailSchema, await http.get(`/studies/${created.id}`), 'GET /studies/:id').state;
    await expectEventually(async () => expect(await state()).toBe('COMPLETE'), { timeoutMs: 120_000, intervalMs: 500 });
    const started = parsedAs(verificationJsonSchema, await http.post(`/studies/${created.id}/verify`, { repeats: 2, top: 1 }), 'POST /studies/:id/verify', 202);
    expect(started).toMatchObject({ state: 'RUNNING', progress: { taken: 0, total: 4 } });
    await expectEventually(async () => expect((await http.get(`/studies/${created.id}/verification`)).body.state).toBe('COMPLETE'), { timeoutMs: 60_000, intervalMs: 500 });
    const api = await studyThroughApi(http, created.id);
    expect(api.importance[0]).toHaveProperty('parameters');
    expect(api.verification?.report?.winner).toBeDefined();
    expect(api.trials.find((t) => t.origin === 'enqueued')?.params).toEqual({ x: 0.3, y: 0 });
    // Stopping an ended study is a no-op that answers its summary.
    expect(parsedAs(studySummarySchema, await http.post(`/studies/${created.id}/stop`), 'POST /studies/:id/stop').state).toBe('COMPLETE');
    const listed = parsedAs(pageSchema(studySummarySchema), await http.get('/studies?limit=1000'), 'GET /studies');
    expect(listed.items.map((s) => s.id)).toContain(created.id);
    parsedAs(apiErrorSchema, await http.get('/studies/00000000-0000-4000-8000-000000000000'), 'GET /studies/:id of no study', 404);
  });
});
