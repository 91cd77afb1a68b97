import { compositeScore } from '@attune/core/objective/composite-score';
import { median } from '@attune/core/objective/aggregate-repeats';
import { dominates } from '@attune/core/pareto/dominance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune } from '../support/attune-processes';
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
});
