import { Rng } from '@attune/core/random/rng';
import { configKey } from '@attune/core/search-space/encoding';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialState } from '@attune/core/trial/trial-state';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { sampleUniform, sampleUniformUntilNew } from '../common/sample-uniform';
import { collectObservations, encodeRow, studyShape } from './tpe-observations';
import { tpeDimensions } from './tpe-dimension';
import { tpeOptionsSchema } from './tpe-options';
import { goodCount } from './tpe-sampler';
import { splitObservations } from './tpe-split';
import { TpeStrategy } from './tpe.strategy';

const SPACE: SearchSpace = [
  { name: 'x', type: 'float', min: 0, max: 1 },
  { name: 'k', type: 'int', min: 1, max: 8 },
];
const DIMS = tpeDimensions(SPACE);
const DEFAULTS = tpeOptionsSchema.parse({});

function observe(trials: readonly TrialView[]) {
  return collectObservations((p) => encodeRow(DIMS, p), trials, true, studyShape(trials));
}

/** The trial numbers `splitObservations` puts in the good group. */
function below(trials: readonly TrialView[], nBelow: number): number[] {
  return splitObservations(observe(trials), nBelow).below.map((o) => o.number);
}

/**
 * Optuna 3.x `_split_trials`, transcribed independently for one objective:
 * (infeasible when constrained: a violation above 0, or none known on a pruned
 * trial), complete by value, pruned by (−step, value at it; NaN as +∞) with
 * (1, 0) for one without intermediate values, infeasible by violation; each
 * sort stable in trial order; running trials always above. Our COMPLETE trials
 * without a finite loss and FAILED ones (Optuna has neither) go above here.
 */
function optunaBelow(trials: readonly TrialView[], nBelow: number, constrained: boolean): number[] {
  const score = (t: TrialView) => (t.constraints ? t.constraints.reduce((s, c) => s + Math.max(c, 0), 0) : (t.violation ?? Infinity));
  const infeasible = trials.filter((t) => constrained && (t.state === 'COMPLETE' || t.state === 'PRUNED') && !(score(t) === 0) && (t.state === 'PRUNED' || Number.isFinite(t.loss)));
  const feasible = trials.filter((t) => !infeasible.includes(t));
  const complete = feasible.filter((t) => t.state === 'COMPLETE' && Number.isFinite(t.loss));
  const pruned = feasible.filter((t) => t.state === 'PRUNED');
  const key = (t: TrialView): [number, number] => (t.lastStep ? [-t.lastStep.step, Number.isNaN(t.lastStep.loss) ? Infinity : t.lastStep.loss] : [1, 0]);
  const stable = <T,>(xs: T[], cmp: (a: T, b: T) => number) => xs.map((x, i) => [x, i] as const).sort((a, b) => cmp(a[0], b[0]) || a[1] - b[1]).map(([x]) => x);
  const lex = (a: [number, number], b: [number, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  const out: TrialView[] = [];
  for (const group of [
    stable(complete, (a, b) => (a.loss as number) - (b.loss as number)),
    stable(pruned, (a, b) => lex(key(a), key(b))),
    stable(infeasible, (a, b) => score(a) - score(b)),
  ]) {
    out.push(...group.slice(0, Math.max(0, nBelow - out.length)));
  }
  return out.map((t) => t.number).sort((a, b) => a - b);
}

const STATES: TrialState[] = ['COMPLETE', 'COMPLETE', 'COMPLETE', 'PRUNED', 'PRUNED', 'FAILED', 'RUNNING', 'CANCELLED'];

/** A random history of every state, losses with ties, pruned trials at few steps (ties too), some without lastStep or with a NaN there. */
function randomHistory(rng: Rng, n: number, constrained: boolean): TrialView[] {
  return Array.from({ length: n }, (_, i): TrialView => {
    const state = rng.pick(STATES);
    const params = sampleUniform(SPACE, rng);
    const slack = rng.float() < 0.6 ? -rng.float() : rng.int(1, 3) / 4;
    const constraint = constrained ? { constraints: [slack], violation: Math.max(slack, 0) } : {};
    if (state === 'COMPLETE') return { number: i, state, params, loss: rng.int(0, 6) / 2, ...constraint };
    if (state !== 'PRUNED') return { number: i, state, params };
    const lastStep = rng.float() < 0.2 ? undefined : { step: rng.int(0, 3) * 10, loss: rng.float() < 0.1 ? Number.NaN : rng.int(0, 6) / 2 };
    // Pruned trials of a constrained study rarely carry constraint values: half do here.
    return { number: i, state, params, ...(lastStep && { lastStep }), ...(rng.float() < 0.5 ? constraint : {}) };
  });
}

describe('tpe with PRUNED trials (Optuna 3.x _split_trials)', () => {
  it('ranks pruned trials after every result: the further step first, then the lower loss at it, none reported last', () => {
    const trials: TrialView[] = [
      { number: 0, state: 'COMPLETE', params: { x: 0.1, k: 1 }, loss: 5 },
      { number: 1, state: 'COMPLETE', params: { x: 0.2, k: 1 }, loss: 9 },
      { number: 2, state: 'PRUNED', params: { x: 0.3, k: 1 }, lastStep: { step: 10, loss: 0.5 } },
      { number: 3, state: 'PRUNED', params: { x: 0.4, k: 1 }, lastStep: { step: 20, loss: 8 } },
      { number: 4, state: 'PRUNED', params: { x: 0.5, k: 1 } },
      { number: 5, state: 'PRUNED', params: { x: 0.6, k: 1 }, lastStep: { step: 20, loss: 3 } },
      { number: 6, state: 'PRUNED', params: { x: 0.7, k: 1 }, lastStep: { step: 20, loss: Number.NaN } },
      { number: 7, state: 'FAILED', params: { x: 0.8, k: 1 } },
      { number: 8, state: 'RUNNING', params: { x: 0.9, k: 1 } },
    ];
    // Results first, however good a pruned trial's intermediate loss (trial 2's 0.5).
    expect(below(trials, 2)).toEqual([0, 1]);
    expect(below(trials, 3)).toEqual([0, 1, 5]);
    expect(below(trials, 4)).toEqual([0, 1, 3, 5]);
    expect(below(trials, 5)).toEqual([0, 1, 3, 5, 6]);
    expect(below(trials, 6)).toEqual([0, 1, 2, 3, 5, 6]);
    expect(below(trials, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it.each([false, true])('splits random histories as Optuna does (constrained: %s)', (constrained) => {
    const rng = Rng.derive(5, constrained ? 1 : 0);
    for (let round = 0; round < 200; round++) {
      const trials = randomHistory(rng, rng.int(1, 40), constrained);
      const nBelow = rng.int(0, trials.length);
      expect(below(trials, nBelow), JSON.stringify(trials)).toEqual(optunaBelow(trials, nBelow, constrained));
    }
  });

  it('counts pruned trials in gamma(n), as Optuna does, but not failed or pending ones', () => {
    const trials: TrialView[] = Array.from({ length: 30 }, (_, i) => {
      const params = { x: i / 30, k: 1 };
      if (i < 10) return { number: i, state: 'COMPLETE', params, loss: i };
      if (i < 20) return { number: i, state: 'PRUNED', params, ...(i % 2 === 0 && { lastStep: { step: i, loss: 1 } }) };
      return { number: i, state: i < 25 ? 'FAILED' : 'RUNNING', params };
    });
    expect(goodCount(observe(trials), DEFAULTS)).toBe(Math.ceil(0.15 * 20));
  });

  it('counts pruned trials against the random startup, as Optuna does', () => {
    const history = (last: TrialView['state']): TrialView[] =>
      Array.from({ length: 10 }, (_, i): TrialView => {
        const params = sampleUniform(SPACE, Rng.derive(3, i));
        return i < 9 ? { number: i, state: 'COMPLETE', params, loss: (params.x as number) ** 2 } : { number: i, state: last, params };
      });
    const strategy = new TpeStrategy(SPACE, DEFAULTS);
    const ask = (trials: TrialView[]) => strategy.ask({ space: SPACE, trials, seed: 7, maxTrials: 50 }, 1)[0].params;
    const taken = (trials: TrialView[]) => (p: TrialView['params']) => trials.some((t) => configKey(SPACE, t.params) === configKey(SPACE, p));
    const randomDraw = (trials: TrialView[]) => sampleUniformUntilNew(SPACE, 7, 10, 32, taken(trials));
    const failed = history('FAILED');
    expect(ask(failed)).toEqual(randomDraw(failed));
    const pruned = history('PRUNED');
    expect(ask(pruned)).not.toEqual(randomDraw(pruned));
  });

  it('learns from how far pruned trials got: the good group follows the pruned trials that went furthest', () => {
    // Every result is at x ≈ 0.9; pruned trials that got far sit at x ≈ 0.1, those stopped early at x ≈ 0.5.
    const rng = Rng.derive(8, 0);
    const trials: TrialView[] = [];
    const add = (state: TrialState, x: number, extra: Partial<TrialView> = {}) => trials.push({ number: trials.length, state, params: { x, k: 4 }, ...extra });
    for (let i = 0; i < 4; i++) add('COMPLETE', 0.88 + rng.float() * 0.04, { loss: 1 });
    for (let i = 0; i < 16; i++) add('PRUNED', 0.08 + rng.float() * 0.04, { lastStep: { step: 90, loss: 2 } });
    for (let i = 0; i < 20; i++) add('PRUNED', 0.48 + rng.float() * 0.04, { lastStep: { step: 5, loss: 0.1 } });
    const proposals = new TpeStrategy(SPACE, tpeOptionsSchema.parse({ gamma: 0.5 })).ask({ space: SPACE, trials, seed: 9, maxTrials: 100 }, 8);
    const near = (x: number) => proposals.filter((p) => Math.abs((p.params.x as number) - x) < 0.15).length;
    expect(near(0.1)).toBeGreaterThan(near(0.5));
  });

  it('never proposes a pruned configuration again, and proposes deterministically', () => {
    const rng = Rng.derive(12, 0);
    const trials = randomHistory(rng, 60, false);
    const ctx = { space: SPACE, trials, seed: 3, maxTrials: 100 };
    const batch = new TpeStrategy(SPACE, DEFAULTS).ask(ctx, 6);
    expect(new TpeStrategy(SPACE, DEFAULTS).ask(ctx, 6)).toEqual(batch);
    const pruned = new Set(trials.filter((t) => t.state === 'PRUNED').map((t) => configKey(SPACE, t.params)));
    for (const p of batch) expect(pruned.has(configKey(SPACE, p.params))).toBe(false);
  });
});
