import { describe, expect, it } from 'vitest';
import { evaluateConvergence } from './evaluate-convergence';
import { improvementVarianceRule } from './improvement-variance.rule';
import { maxDurationRule } from './max-duration.rule';
import { patienceRule } from './patience.rule';
import { targetImprovementRule } from './target-improvement.rule';
import { contextOf, MAXIMIZE, PARETO, trialsWithLosses } from './testing/convergence-histories';
import type { ConvergenceTrial } from './convergence-verdict';
import { GO_ON } from './convergence-verdict';

describe('maxDurationRule', () => {
  it('stops once the elapsed time reaches the budget, not before', () => {
    expect(maxDurationRule(contextOf([], undefined, 3599.9), 3600)).toEqual(GO_ON);
    expect(maxDurationRule(contextOf([], undefined, 3600), 3600)).toEqual({
      stop: true,
      rule: 'max-duration',
      reason: 'ran for 1h00m, reaching its wall-clock budget of 1h00m (maxDurationSec: 3600)',
    });
    expect(maxDurationRule(contextOf([], undefined, 125), 90)).toMatchObject({ reason: 'ran for 2m05s, reaching its wall-clock budget of 1m30s (maxDurationSec: 90)' });
  });
});

describe('targetImprovementRule', () => {
  const withImprovements = (imps: readonly (number | undefined)[], extra: Partial<ConvergenceTrial>[] = []): ConvergenceTrial[] =>
    imps.map((improvement, number) => ({ number, state: 'COMPLETE', params: {}, loss: -(improvement ?? 0), ...(improvement !== undefined && { improvement }), ...extra[number] }));

  it('stops on the first trial whose improvement reaches the target, naming the best one', () => {
    const verdict = targetImprovementRule(contextOf(withImprovements([0, 0.1, 0.234, 0.21])), 0.2);
    expect(verdict).toEqual({
      stop: true,
      rule: 'target-improvement',
      reason: 'trial 2 improves on the baseline by 23.4%, reaching the target of 20% (one measurement: verification confirms it or not)',
    });
    expect(targetImprovementRule(contextOf(withImprovements([0, 0.2])), 0.2).stop).toBe(true);
  });

  it('goes on below the target, without improvements (no baseline measured), and with no COMPLETE trial', () => {
    expect(targetImprovementRule(contextOf(withImprovements([0, 0.19])), 0.2)).toEqual(GO_ON);
    expect(targetImprovementRule(contextOf(withImprovements([undefined, undefined])), 0.2)).toEqual(GO_ON);
    expect(targetImprovementRule(contextOf([{ number: 0, state: 'RUNNING', params: {} }, { number: 1, state: 'FAILED', params: {}, improvement: 0.9 }]), 0.2)).toEqual(GO_ON);
  });

  it('ignores infeasible trials, however much they improve', () => {
    expect(targetImprovementRule(contextOf(withImprovements([0, 0.5, 0.1], [{}, { violation: 0.3 }, { violation: 0 }])), 0.2)).toEqual(GO_ON);
  });

  it('never stops a Pareto study (the rule is refused at submit)', () => {
    expect(targetImprovementRule(contextOf(withImprovements([0.9]), PARETO), 0.2)).toEqual(GO_ON);
  });
});

describe('patienceRule', () => {
  const options = { patience: 3, minDelta: 0, minTrials: 1 };

  it('stops when the last `patience` completed trials did not improve on the best', () => {
    // best 4 at trial 1, then three trials without improvement
    const trials = trialsWithLosses([5, 4, 4.5, 4, 6]);
    expect(patienceRule(contextOf(trials), options)).toEqual({ stop: true, rule: 'patience', reason: 'no improvement in the last 3 trials (best 4 since trial 1)' });
    expect(patienceRule(contextOf(trials.slice(0, 4)), options)).toEqual(GO_ON);
  });

  it('counts an improvement only beyond minDelta, and moves the reference best only then', () => {
    // 10 at trial 0; 9.996, 9.992 are within 0.01 of it; 9.988 is 0.012 below it and resets
    const creeping = trialsWithLosses([10, 9.996, 9.992, 9.988, 9.99, 9.99]);
    expect(patienceRule(contextOf(creeping), { ...options, minDelta: 0.01 })).toEqual(GO_ON);
    const stalled = trialsWithLosses([10, 9.996, 9.992, 9.995]);
    expect(patienceRule(contextOf(stalled), { ...options, minDelta: 0.01 })).toEqual({
      stop: true,
      rule: 'patience',
      reason: 'no improvement beyond 0.01 in the last 3 trials (best 10 since trial 0)',
    });
  });

  it('reports the best as the user reads it (a maximised metric is not negated)', () => {
    const trials = trialsWithLosses([-100, -123.4, -120, -110, -101]);
    expect(patienceRule(contextOf(trials, MAXIMIZE), options)).toMatchObject({ reason: 'no improvement in the last 3 trials (best 123.4 since trial 1)' });
  });

  it('skips failed trials, counts infeasible ones as not improving, and never makes them the best', () => {
    const trials = trialsWithLosses([5, null, 4, null, null, 3, 4.5]);
    trials[5] = { ...trials[5], violation: 0.2 };
    // completed: 5, 4 (best, trial 2), 3 (infeasible), 4.5: only two since the best
    expect(patienceRule(contextOf(trials), options)).toEqual(GO_ON);
    expect(patienceRule(contextOf([...trials, { number: 7, state: 'COMPLETE', params: {}, loss: 4.1 }]), options)).toMatchObject({
      stop: true,
      reason: 'no improvement in the last 3 trials (best 4 since trial 2)',
    });
  });

  it('waits with no feasible trial, no COMPLETE trial, or fewer than minTrials', () => {
    const infeasible = trialsWithLosses([1, 2, 3, 4, 5]).map((t) => ({ ...t, violation: 1 }));
    expect(patienceRule(contextOf(infeasible), options)).toEqual(GO_ON);
    expect(patienceRule(contextOf(trialsWithLosses([null, null, null, null])), options)).toEqual(GO_ON);
    expect(patienceRule(contextOf(trialsWithLosses([1, 2, 3, 4])), { ...options, minTrials: 5 })).toEqual(GO_ON);
    expect(patienceRule(contextOf(trialsWithLosses([1, 2, 3, 4, 5])), { ...options, minTrials: 5 }).stop).toBe(true);
  });

  it('on a Pareto study, counts the trials since one last joined the front', () => {
    const trial = (number: number, losses: number[], violation?: number): ConvergenceTrial => ({ number, state: 'COMPLETE', params: {}, losses, ...(violation !== undefined && { violation }) });
    const trials = [trial(0, [3, 3]), trial(1, [1, 5]), trial(2, [4, 4]), trial(3, [1, 5]), trial(4, [0, 0], 1), trial(5, [3, 3.5])];
    // trial 1 joined; 2 is dominated by 0, 3 equals 1, 4 is infeasible, 5 is dominated by 0
    expect(patienceRule(contextOf(trials, PARETO), { ...options, patience: 4 })).toEqual({
      stop: true,
      rule: 'patience',
      reason: 'no trial joined the Pareto front in the last 4 trials (it last grew at trial 1)',
    });
    expect(patienceRule(contextOf([...trials.slice(0, 5), trial(5, [2, 4])], PARETO), { ...options, patience: 4 })).toEqual(GO_ON);
  });
});

describe('improvementVarianceRule', () => {
  const options = { window: 4, threshold: 0.01, minTrials: 1 };

  it('stops when the best-so-far barely moved over the window (its sample variance below the threshold)', () => {
    // best-so-far over the last 4: 2, 2, 1.9, 1.9 → mean 1.95, variance 4·0.05²/3 = 0.003333
    const trials = trialsWithLosses([5, 2, 8, 9, 1.9, 7]);
    expect(improvementVarianceRule(contextOf(trials), options)).toEqual({
      stop: true,
      rule: 'improvement-variance',
      reason: 'the best so far has settled: its variance over the last 4 trials is 0.00333333, below 0.01 (best 1.9 at trial 4)',
    });
    expect(improvementVarianceRule(contextOf(trials), { ...options, threshold: 0.003333 })).toEqual(GO_ON);
  });

  it('goes on while the best keeps falling, even by equal steps', () => {
    // best-so-far 4, 3, 2, 1: steps of zero variance, but variance 1.6667 of the best itself
    expect(improvementVarianceRule(contextOf(trialsWithLosses([5, 4, 3, 2, 1])), { ...options, threshold: 1 })).toEqual(GO_ON);
  });

  it('waits for a full window, minTrials, and a feasible best at the window\'s start; skips failed trials', () => {
    expect(improvementVarianceRule(contextOf(trialsWithLosses([1, 1, 1])), options)).toEqual(GO_ON);
    expect(improvementVarianceRule(contextOf(trialsWithLosses([1, 1, 1, 1])), { ...options, minTrials: 5 })).toEqual(GO_ON);
    const late = trialsWithLosses([1, 1, 1, 1]).map((t, i) => (i < 1 ? { ...t, violation: 1 } : t));
    expect(improvementVarianceRule(contextOf(late), options)).toEqual(GO_ON);
    expect(improvementVarianceRule(contextOf(trialsWithLosses([1, null, 1, null, 1, 1])), options).stop).toBe(true);
  });
});

describe('evaluateConvergence', () => {
  const flat = trialsWithLosses(Array.from({ length: 30 }, () => 1));

  it('goes on without rules, and stops by the first configured rule in the documented order', () => {
    expect(evaluateConvergence(contextOf(flat, undefined, 10), undefined)).toEqual(GO_ON);
    const options = { maxDurationSec: 5, patience: 3, improvementVariance: { window: 3, threshold: 1 }, minTrials: 10 };
    expect(evaluateConvergence(contextOf(flat, undefined, 10), options)).toMatchObject({ rule: 'max-duration' });
    expect(evaluateConvergence(contextOf(flat, undefined, 1), options)).toMatchObject({ rule: 'patience' });
    expect(evaluateConvergence(contextOf(flat, undefined, 1), { ...options, patience: 100 })).toMatchObject({ rule: 'improvement-variance' });
  });

  it('applies the startup minTrials to the history rules only', () => {
    const options = { patience: 3, minTrials: 31 };
    expect(evaluateConvergence(contextOf(flat), options)).toEqual(GO_ON);
    expect(evaluateConvergence(contextOf(flat, undefined, 100), { ...options, maxDurationSec: 60 })).toMatchObject({ rule: 'max-duration' });
  });

  it('runs the regret bound last, with max(minTrials, regretBound.minTrials), and only when nothing cheaper stopped', () => {
    const seen: number[] = [];
    const regretBound = (_: unknown, o: { minTrials: number }) => {
      seen.push(o.minTrials);
      return { stop: true as const, rule: 'regret-bound' as const, reason: 'r' };
    };
    const regret = { minTrials: 20, topTrialsRatio: 0.5 };
    expect(evaluateConvergence(contextOf(flat), { regretBound: regret, minTrials: 25 }, regretBound)).toMatchObject({ rule: 'regret-bound' });
    expect(evaluateConvergence(contextOf(flat), { regretBound: regret, patience: 3, minTrials: 10 }, regretBound)).toMatchObject({ rule: 'patience' });
    expect(seen).toEqual([25]);
    expect(() => evaluateConvergence(contextOf(flat), { regretBound: regret, minTrials: 10 })).toThrow(/needs the GP/);
  });
});
