import { describe, expect, it } from 'vitest';
import { ValidationError } from '@attune/core/errors/attune-error';
import { normalizeObjectives } from '@attune/core/objective/normalize-objectives';
import { parseObjectiveSpec } from '@attune/core/objective/parse-objective-spec';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import type { Proposal, Strategy } from '../strategy';
import { InProcessStudy, runOptimization } from './in-process-study';

const space: SearchSpace = [
  { name: 'x', type: 'int', min: 0, max: 10 },
  { name: 'mode', type: 'categorical', values: ['a', 'b'] },
];

/** A strategy that proposes the listed configurations in order, then runs out. */
function scripted(configs: readonly Params[]): Strategy {
  let next = 0;
  return {
    name: 'scripted',
    ask: (_ctx, count): Proposal[] => configs.slice(next, (next += count)).map((params) => ({ params })),
  };
}

const objectives = (spec: unknown) => normalizeObjectives(parseObjectiveSpec(spec));

/** Metrics that depend on the configuration only, and a log of what was measured. */
function system(metrics: (p: Params) => Record<string, number>) {
  const measured: Params[] = [];
  return { measured, evaluate: (p: Params) => (measured.push(p), metrics(p)) };
}

describe('in-process engine', () => {
  it('scores a composite against the baseline measured first', async () => {
    const table: Record<number, Record<string, number>> = { 5: { latency: 100, rps: 1000 }, 1: { latency: 80, rps: 1100 }, 2: { latency: 120, rps: 1000 } };
    const s = system((p) => table[p.x as number]);
    const result = await runOptimization({
      space,
      objectives: objectives({
        objective: { composite: [{ metric: 'latency', direction: 'minimize', weight: 2 }, { metric: 'rps', direction: 'maximize', weight: 1 }] },
        baseline: { params: { x: 5, mode: 'a' } },
      }),
      evaluate: s.evaluate,
      strategy: scripted([{ x: 1, mode: 'a' }, { x: 2, mode: 'b' }]),
      seed: 0,
      trials: 3,
    });
    expect(s.measured[0]).toEqual({ x: 5, mode: 'a' });
    expect(result.trials[0]).toMatchObject({ origin: 'baseline', state: 'COMPLETE', value: 0 });
    // (2 · (80 − 100)/100 − 1 · (1100 − 1000)/1000) / 3 = −0.5 / 3; (2 · 0.2 − 0) / 3 for the other.
    expect(result.trials[1].value).toBeCloseTo(-0.5 / 3, 12);
    expect(result.trials[2].value).toBeCloseTo(0.4 / 3, 12);
    expect(result.best).toMatchObject({ number: 1, params: { x: 1, mode: 'a' } });
    expect(result.best!.improvement!.score).toBeCloseTo(0.5 / 3, 12);
    expect(result.best!.improvement!.perMetric).toEqual({ latency: expect.closeTo(0.2, 12), rps: expect.closeTo(0.1, 12) });
  });

  it('measures the parameters\' defaults for baseline: true, and says which default is missing', async () => {
    const withDefaults: SearchSpace = [
      { name: 'x', type: 'int', min: 0, max: 10, default: 3 },
      { name: 'mode', type: 'categorical', values: ['a', 'b'], default: 'b' },
    ];
    const study = new InProcessStudy({ space: withDefaults, objectives: objectives({ objective: { direction: 'minimize' }, baseline: true }), strategy: scripted([]), seed: 0, maxTrials: 5 });
    expect(study.ask(4)).toEqual([{ number: 0, params: { x: 3, mode: 'b' } }]);
    expect(() => study.ask(1)).toThrow(/the baseline \(trial 0\) is measured first/);
    const make = () => new InProcessStudy({ space, objectives: objectives({ objective: { direction: 'minimize' }, baseline: true }), strategy: scripted([]), seed: 0, maxTrials: 5 });
    expect(make).toThrow(ValidationError);
    expect(make).toThrow(/parameters\[0\]\.default: is required by baseline: true/);
  });

  it('ends the run when the baseline fails: nothing after it could be compared', async () => {
    const result = await runOptimization({
      space,
      objectives: objectives({ objective: { composite: [{ metric: 'a', direction: 'minimize' }, { metric: 'b', direction: 'minimize' }] }, baseline: { params: { x: 0, mode: 'a' } } }),
      evaluate: () => ({ a: 0, b: 1 }),
      strategy: scripted([{ x: 1, mode: 'a' }]),
      seed: 0,
      trials: 5,
    });
    expect(result.trials).toHaveLength(1);
    expect(result.trials[0].error).toMatch(/baseline measured the composite's metric "a" as 0/);
    expect(result.noResult).toBe('baseline-failed');
    expect(result.best).toBeNull();
  });

  it('aggregates the counted repeats, drops the warm-ups and hands the spread to the strategy', async () => {
    const samples = [50, 13, 10, 11, 99, 20, 22, 21];
    let call = 0;
    const study = await runOptimization({
      space,
      objectives: objectives({ objective: { metric: 'ms', direction: 'minimize' }, measurement: { repeats: 3, warmup: 1, aggregate: 'median' } }),
      evaluate: () => ({ ms: samples[call++] }),
      strategy: scripted([{ x: 1, mode: 'a' }, { x: 2, mode: 'a' }]),
      seed: 0,
      trials: 2,
    });
    expect(call).toBe(8);
    const [first, second] = study.trials;
    expect(first.measurements!.map((m) => m.warmup === true)).toEqual([true, false, false, false]);
    expect(first.value).toBe(11);
    expect(first.score!.noise).toEqual({ sd: expect.closeTo(Math.sqrt(7 / 3), 12), count: 3 });
    expect(second.value).toBe(21);
    expect(study.best).toEqual({ number: 0, params: { x: 1, mode: 'a' }, value: 11 });
  });

  it('shows violation and slacks only when there are constraints, and chooses the best among feasible trials', async () => {
    const latency: Record<number, number> = { 1: 10, 2: 20, 3: 30 };
    const run = (constraints?: unknown) =>
      runOptimization({
        space,
        objectives: objectives({ objective: { metric: 'rps', direction: 'maximize' }, ...(constraints !== undefined && { constraints }) }),
        evaluate: (p) => ({ rps: 100 * (p.x as number), p99: latency[p.x as number] }),
        strategy: scripted([{ x: 1, mode: 'a' }, { x: 3, mode: 'a' }, { x: 2, mode: 'a' }]),
        seed: 0,
        trials: 3,
      });
    const constrained = await run([{ metric: 'p99', max: 25 }]);
    expect(constrained.best).toMatchObject({ number: 2, value: 200 });
    const views = viewsOf(constrained.trials, [{ metric: 'p99', max: 25 }]);
    expect(views.map((v) => v.violation)).toEqual([0, 0.2, 0]);
    expect(views.map((v) => v.constraints)).toEqual([[-0.6], [0.2], [-0.2]]);
    expect(views[1].loss).toBe(-300);
    const free = viewsOf((await run()).trials);
    expect(free[1]).not.toHaveProperty('violation');
    expect(free[1]).not.toHaveProperty('constraints');
    expect(free[1].noise).toEqual({ sd: 0, count: 1 });
    const none = await run([{ metric: 'p99', max: 5 }]);
    expect(none.best).toBeNull();
    expect(none.noResult).toBe('no-feasible-trial');
  });

  it('reuses the measurement of a configuration measured before instead of measuring it again', async () => {
    const s = system((p) => ({ value: p.x as number }));
    let fail = true;
    const result = await runOptimization({
      space,
      direction: 'minimize',
      evaluate: (p) => {
        if (p.x === 4 && fail) throw new Error(((fail = false), 'flaky'));
        return s.evaluate(p);
      },
      strategy: scripted([{ x: 4, mode: 'a' }, { x: 2, mode: 'a' }, { mode: 'a', x: 2 }, { x: 4, mode: 'a' }, { x: 2, mode: 'b' }]),
      seed: 0,
      trials: 5,
    });
    expect(s.measured).toEqual([{ x: 2, mode: 'a' }, { x: 4, mode: 'a' }, { x: 2, mode: 'b' }]);
    expect(result.trials.map((t) => t.origin)).toEqual([undefined, undefined, 'reused', undefined, undefined]);
    expect(result.trials[2]).toMatchObject({ state: 'COMPLETE', value: 2, meta: { reusedFrom: 1 } });
    // A FAILED trial has no measurement to reuse: its configuration is measured again.
    expect(result.trials[3]).toMatchObject({ state: 'COMPLETE', value: 4 });
  });

  it('keeps the non-dominated feasible trials as the front of several objectives', async () => {
    // (p99, rps) per x: 1 and 2 trade off, 3 is dominated by 2, 4 is the best but breaks the memory bound.
    const table: Record<number, Record<string, number>> = {
      1: { p99: 10, rps: 100, mem: 1 },
      2: { p99: 20, rps: 300, mem: 1 },
      3: { p99: 25, rps: 250, mem: 1 },
      4: { p99: 5, rps: 900, mem: 9 },
    };
    const result = await runOptimization({
      space,
      objectives: objectives({ objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }], constraints: [{ metric: 'mem', max: 2 }] }),
      evaluate: (p) => table[p.x as number],
      strategy: scripted([1, 2, 3, 4].map((x) => ({ x, mode: 'a' }))),
      seed: 0,
      trials: 4,
    });
    expect(result.front!.map((t) => t.number)).toEqual([0, 1]);
    expect(result.best).toBeNull();
    expect(result.noResult).toBeUndefined();
    const views = viewsOf(result.trials, [{ metric: 'mem', max: 2 }], true);
    expect(views[1].losses).toEqual([20, -300]);
    expect(views[1].loss).toBeUndefined();
    expect(views[1]).not.toHaveProperty('noise');
  });

  it('keeps the direction-only path: one value per trial, its loss oriented', () => {
    const study = new InProcessStudy({ space, direction: 'maximize', strategy: scripted([{ x: 1, mode: 'a' }, { x: 2, mode: 'a' }]), seed: 0, maxTrials: 2 });
    const [a, b] = study.ask(2);
    study.tell(a.number, { value: 3 });
    study.tell(b.number, { value: Number.NaN });
    expect(study.views().map((v) => v.loss)).toEqual([-3, undefined]);
    expect(study.trials[1]).toMatchObject({ state: 'FAILED', error: 'objective is not a finite number: NaN' });
    expect(study.best()).toEqual({ number: 0, params: { x: 1, mode: 'a' }, value: 3 });
  });

  it('ends a trial PRUNED with its last step as a loss, and hands the pruned trials to the strategy', () => {
    const seen: TrialView[][] = [];
    const configs = [0, 1, 2, 0].map((x) => ({ x, mode: 'a' }));
    const inner = scripted(configs);
    const strategy: Strategy = { name: 'recording', ask: (ctx, count) => (seen.push([...ctx.trials]), inner.ask(ctx, count)) };
    const study = new InProcessStudy({ space, direction: 'maximize', strategy, seed: 0, maxTrials: 4 });
    const [a, b, c] = study.ask(3);
    study.prune(a.number, { step: 4, value: 3 });
    study.prune(b.number);
    study.tell(c.number, { value: 1 });
    study.ask(1);
    expect(seen[1].map((t) => [t.state, t.lastStep])).toEqual([
      ['PRUNED', { step: 4, loss: -3 }],
      ['PRUNED', undefined],
      ['COMPLETE', undefined],
    ]);
    expect(seen[1][1]).not.toHaveProperty('lastStep');
    expect(seen[1][0].loss).toBeUndefined();
    expect(() => study.tell(a.number, { value: 1 })).toThrow(/already PRUNED/);
    // A pruned trial is no result: the best is the one trial that completed, and trial 3, which repeats trial 0's configuration, is measured, not reused.
    expect(study.best()).toMatchObject({ number: 2, value: 1 });
    expect(study.reuseMeasured(3)).toBe(false);
  });

  it('refuses to prune a trial of a study with several objectives: pruners compare one metric', () => {
    const study = new InProcessStudy({
      space,
      objectives: objectives({ objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] }),
      strategy: scripted([{ x: 1, mode: 'a' }]),
      seed: 0,
      maxTrials: 1,
    });
    const [t] = study.ask(1);
    expect(() => study.prune(t.number, { step: 1, value: 2 })).toThrow(/one objective/);
    expect(study.trials[0].state).toBe('RUNNING');
  });
});

/** The views of a finished run, rebuilt through a study that is told the same measurements. */
function viewsOf(trials: Awaited<ReturnType<typeof runOptimization>>['trials'], constraints?: unknown, pareto = false) {
  const study = new InProcessStudy({
    space,
    objectives: objectives({
      ...(pareto ? { objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] } : { objective: { metric: 'rps', direction: 'maximize' } }),
      ...(constraints !== undefined && { constraints }),
    }),
    strategy: scripted(trials.map((t) => t.params)),
    seed: 0,
    maxTrials: trials.length,
  });
  for (const t of study.ask(trials.length)) study.tell(t.number, { measurements: trials[t.number].measurements! });
  return study.views();
}
