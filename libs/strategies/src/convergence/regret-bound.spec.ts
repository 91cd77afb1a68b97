import { normalizeObjectives } from '@attune/core/objective/normalize-objectives';
import { Rng } from '@attune/core/random/rng';
import type { ConvergenceContext, ConvergenceTrial } from '@attune/core/convergence/convergence-verdict';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { describe, expect, it } from 'vitest';
import { GpModel } from '../gp/gp-model';
import { evaluateStudyConvergence } from './evaluate-study-convergence';
import fixture from './fixtures/regret.fixture.json';
import { regretBeta, standardize, standardizedRegretBound, topTrials } from './regret-bound';
import { regretBoundRule, repeatsNoise } from './regret-bound.rule';

const SPACE: SearchSpace = [
  { name: 'x1', type: 'float', min: 0, max: 1 },
  { name: 'x2', type: 'float', min: 0, max: 1 },
];
const MINIMIZE = normalizeObjectives({ objective: { metric: 'latency', direction: 'minimize' } });
const OPTUNA = { minTrials: 20, topTrialsRatio: 0.5 };

function contextOf(trials: readonly ConvergenceTrial[]): ConvergenceContext {
  return { objectives: MINIMIZE, trials, startedAt: 0, now: 1 };
}

/** n trials at seeded uniform points, x1 within [lo, 1], with loss f(x) plus Gaussian noise of sd `noise`. */
function history(n: number, f: (x1: number, x2: number) => number, noise: number, lo = 0, seed = 5): ConvergenceTrial[] {
  const rng = Rng.derive(seed);
  return Array.from({ length: n }, (_, number) => {
    const x1 = rng.uniform(lo, 1);
    const x2 = rng.float();
    return { number, state: 'COMPLETE', params: { x1, x2 }, loss: f(x1, x2) + noise * rng.normal() };
  });
}

describe('the regret bound, against the numpy formula', () => {
  it('keeps the best clip(⌊n·ratio⌋, minTrials, n) trials and every one tied with the last (Optuna\'s _get_top_n)', () => {
    const obs = [3, 1, 4, 1, 5, 9, 2, 6].map((loss, number) => ({ number, loss }));
    expect(topTrials(obs, 0.5, 2).map((o) => o.number)).toEqual([1, 3, 6, 0]);
    expect(topTrials(obs, 0.1, 3).map((o) => o.number)).toEqual([1, 3, 6]);
    expect(topTrials(obs, 0.5, 20)).toHaveLength(8);
    const ties = [1, 2, 2, 2, 5].map((loss, number) => ({ number, loss }));
    expect(topTrials(ties, 0.4, 1).map((o) => o.number)).toEqual([0, 1, 2, 3]);
  });

  it('β = 2·log(d·n²·π²/(6δ))/5 with δ = 0.1', () => {
    expect(regretBeta(fixture.d, 7)).toBeCloseTo(fixture.beta, 12);
    expect(regretBeta(fixture.betaAt.d, fixture.betaAt.n)).toBeCloseTo(fixture.betaAt.beta, 12);
  });

  it('standardises with the population sd, and bounds the regret as numpy does for fixed hyperparameters', () => {
    const { y, sd } = standardize(fixture.losses);
    expect(sd).toBeCloseTo(fixture.sd, 12);
    [...y].forEach((v, i) => expect(v).toBeCloseTo(fixture.y[i], 12));
    const n = fixture.losses.length;
    const inputs = { X: Float64Array.from(fixture.X), n, d: fixture.d, categorical: new Uint8Array(fixture.d) };
    const model = new GpModel(inputs, y, { inverseSquaredLengthScales: Float64Array.from(fixture.rho), signalVariance: fixture.signal, noiseVariance: fixture.noise });
    const rows = (flat: number[]) => Array.from({ length: flat.length / fixture.d }, (_, i) => flat.slice(i * fixture.d, (i + 1) * fixture.d));
    expect(standardizedRegretBound(model, rows(fixture.X), rows(fixture.candidates), fixture.beta)).toBeCloseTo(fixture.standardizedRegretBound, 10);
  });

  it('is never below zero: the top trials are among the points the LCB is minimised over', () => {
    const { y } = standardize(fixture.losses);
    const inputs = { X: Float64Array.from(fixture.X), n: fixture.losses.length, d: fixture.d, categorical: new Uint8Array(fixture.d) };
    const model = new GpModel(inputs, y, { inverseSquaredLengthScales: Float64Array.from(fixture.rho), signalVariance: fixture.signal, noiseVariance: fixture.noise });
    expect(standardizedRegretBound(model, [fixture.X.slice(0, 2)], [], fixture.beta)).toBeGreaterThanOrEqual(0);
  });
});

/** The first history size, in steps of 5 from 20 to 100, at which the rule stops (undefined: never). */
function firstStop(rule: ReturnType<typeof regretBoundRule>, trials: readonly ConvergenceTrial[]): number | undefined {
  for (let n = 20; n <= 100; n += 5) if (rule(contextOf(trials.slice(0, n)), OPTUNA).stop) return n;
  return undefined;
}

describe('regretBoundRule', () => {
  const rule = regretBoundRule({ space: SPACE, seed: 0 });
  const repeated = (trials: ConvergenceTrial[]) => trials.map((t) => ({ ...t, noise: { sd: 0.5 * Math.sqrt(3), count: 3 } }));

  it('stops on a noisy flat function, comparing with the noise a GP fitted to every trial finds', () => {
    // Measured: seeds 5, 6, 7 stop at 50, 70 and 80 trials.
    for (const seed of [5, 6, 7]) expect(firstStop(rule, history(100, () => 5, 0.5, 0, seed))).toBeLessThanOrEqual(80);
    const verdict = rule(contextOf(history(50, () => 5, 0.5)), OPTUNA);
    expect(verdict).toMatchObject({ stop: true, rule: 'regret-bound' });
    expect(verdict.stop && verdict.reason).toMatch(
      /^the regret left is at most 0\.\d+ \(a GP on the 25 best trials\), below the measurement noise 0\.\d+ \(the noise a GP fitted to all 50 feasible trials finds\): best 3\.\d+ at trial \d+$/,
    );
  });

  it('stops on a noisy flat function measured with repeats, comparing with their standard error', () => {
    const verdict = rule(contextOf(repeated(history(25, () => 5, 0.5))), OPTUNA);
    expect(verdict).toMatchObject({ stop: true, reason: expect.stringContaining("below the measurement noise 0.5 (the repeats' standard error, pooled over 20 of the best trials)") });
  });

  it('goes on along a clear slope, whether its low end is unexplored or not', () => {
    expect(firstStop(rule, history(100, (x1) => 10 * x1, 0.05, 0.5))).toBeUndefined();
    expect(firstStop(rule, history(100, (x1) => 10 * x1, 0.05, 0))).toBeUndefined();
  });

  it('waits for minTrials completed trials and two feasible ones; ignores failed and infeasible trials', () => {
    const flat = history(50, () => 5, 0.5);
    expect(rule(contextOf(flat.slice(0, 19)), OPTUNA)).toEqual({ stop: false });
    const infeasible = flat.map((t, i) => (i > 0 ? { ...t, violation: 1 } : t));
    expect(rule(contextOf(infeasible), OPTUNA)).toEqual({ stop: false });
    const withFailures: ConvergenceTrial[] = [...flat, ...Array.from({ length: 5 }, (_, i) => ({ number: 50 + i, state: 'FAILED' as const, params: {} }))];
    expect(rule(contextOf(withFailures), OPTUNA)).toEqual(rule(contextOf(flat), OPTUNA));
  });

  it('never stops a Pareto study (the rule is refused at submit)', () => {
    const pareto = normalizeObjectives({ objectives: [{ metric: 'a', direction: 'minimize' }, { metric: 'b', direction: 'minimize' }] });
    const trials = history(50, () => 5, 0.5).map(({ loss, ...t }) => ({ ...t, losses: [loss as number, 1] }));
    expect(rule({ ...contextOf(trials), objectives: pareto }, OPTUNA)).toEqual({ stop: false });
  });

  it('is deterministic for a seed and history', () => {
    const trials = history(25, (x1, x2) => (x1 - 0.3) ** 2 + x2, 0.01);
    expect(rule(contextOf(trials), { ...OPTUNA, minTrials: 5 })).toEqual(regretBoundRule({ space: SPACE, seed: 0 })(contextOf(trials), { ...OPTUNA, minTrials: 5 }));
  });
});

describe('repeatsNoise', () => {
  it('pools sd²/count over the trials measured more than once; none without repeats', () => {
    const t = (noise?: { sd: number; count: number }): ConvergenceTrial => ({ number: 0, state: 'COMPLETE', params: {}, loss: 0, ...(noise && { noise }) });
    // (2²/4 + 3²/9) / 2 = 1
    expect(repeatsNoise([t({ sd: 2, count: 4 }), t({ sd: 3, count: 9 }), t({ sd: 9, count: 1 }), t()])).toEqual({ sd: 1, source: "the repeats' standard error, pooled over 2 of the best trials" });
    expect(repeatsNoise([t(), t({ sd: 5, count: 1 })])).toBeUndefined();
  });
});

describe('evaluateStudyConvergence', () => {
  it('wires the regret bound into the core rules, after them', () => {
    const flat = history(50, () => 5, 0.5);
    const study = { space: SPACE, seed: 0 };
    expect(evaluateStudyConvergence(contextOf(flat), { regretBound: OPTUNA, minTrials: 10 }, study)).toMatchObject({ rule: 'regret-bound' });
    expect(evaluateStudyConvergence(contextOf(flat), { regretBound: OPTUNA, patience: 5, minTrials: 10 }, study)).toMatchObject({ rule: 'patience' });
    expect(evaluateStudyConvergence(contextOf(flat), undefined, study)).toEqual({ stop: false });
  });
});
