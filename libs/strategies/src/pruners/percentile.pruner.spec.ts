import { describe, expect, it } from 'vitest';
import { medianPruner } from './median.pruner';
import { PercentilePruner, type PercentileOptions } from './percentile.pruner';
import { percentileOf } from './percentile-of';
import type { PrunerTrial } from './pruner';
import { curve, upTo } from './testing/pruner-trials';

const DEFAULTS = { startupTrials: 5, warmupSteps: 0, intervalSteps: 1, minTrials: 1 };
/** Medians at steps 1, 2, 3: 3, 2, 1.5. */
const COMPLETED = [
  curve(0, 'COMPLETE', [1, 0.8, 0.6]),
  curve(1, 'COMPLETE', [2, 1.5, 1]),
  curve(2, 'COMPLETE', [3, 2, 1.5]),
  curve(3, 'COMPLETE', [4, 3, 2]),
  curve(4, 'COMPLETE', [5, 4, 3]),
];

/** The decision at each step of `trial`, as it reports them one by one. */
function decisions(options: PercentileOptions, trial: PrunerTrial, others: readonly PrunerTrial[] = COMPLETED): boolean[] {
  const pruner = new PercentilePruner(options);
  return trial.steps.map((_, i) => pruner.decide({ trial: upTo(trial, i + 1), others, seed: 0 }).prune);
}

describe('percentile and median pruners (Optuna\'s PercentilePruner)', () => {
  it('compares the best loss so far with the median of completed trials at that step', () => {
    const median = { ...DEFAULTS, percentile: 50 };
    expect(decisions(median, curve(9, 'RUNNING', [2.5, 2.6, 1.6]))).toEqual([false, true, true]);
    expect(decisions(median, curve(9, 'RUNNING', [3, 2, 1.5]))).toEqual([false, false, false]);
    // The best so far, not the last: 1.4 at step 1 still beats the medians 2 and 1.5 at steps 2 and 3.
    expect(decisions(median, curve(9, 'RUNNING', [1.4, 2.9, 2.9]))).toEqual([false, false, false]);
  });

  it('says what it compared, in losses', () => {
    const pruner = medianPruner(DEFAULTS);
    expect(pruner.name).toBe('median');
    expect(pruner.decide({ trial: curve(9, 'RUNNING', [2.5, 2.6]), others: COMPLETED, seed: 0 })).toEqual({
      prune: true,
      reason: 'best loss 2.5 up to step 2 is worse than the median 2 of 5 completed trials at that step',
    });
    expect(pruner.decide({ trial: curve(9, 'RUNNING', [3.5]), others: COMPLETED, seed: 0 })).toEqual({
      prune: true,
      reason: 'loss 3.5 at step 1 is worse than the median 3 of 5 completed trials at that step',
    });
  });

  it('interpolates the percentile linearly between ranks, as numpy', () => {
    expect(percentileOf([4, 1, 3, 2], 25)).toBeCloseTo(1.75, 15);
    expect(percentileOf([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentileOf([4, Number.NaN, 3], 100)).toBe(4);
    expect(percentileOf([Number.NaN], 50)).toBeNaN();
    const quarter = { ...DEFAULTS, percentile: 25 };
    // The 25th percentiles at steps 1, 2: 2 and 1.5.
    expect(decisions(quarter, curve(9, 'RUNNING', [2, 1.6]))).toEqual([false, true]);
  });

  it('waits for startupTrials completed trials; RUNNING and PRUNED ones do not count', () => {
    const median = { ...DEFAULTS, percentile: 50 };
    const others = [...COMPLETED.slice(0, 4), curve(4, 'PRUNED', [9]), curve(5, 'RUNNING', [9, 9])];
    expect(decisions(median, curve(9, 'RUNNING', [9, 9]), others)).toEqual([false, false]);
    expect(decisions({ ...median, startupTrials: 4 }, curve(9, 'RUNNING', [9, 9]), others)).toEqual([true, true]);
  });

  it('never prunes below warmupSteps, and decides once per interval after it', () => {
    const terrible = curve(9, 'RUNNING', [9, 9, 9, 9, 9, 9], 0);
    const others = COMPLETED.map((t) => curve(t.number, 'COMPLETE', [5, 5, 5, 5, 5, 5], 0));
    expect(decisions({ ...DEFAULTS, percentile: 50, warmupSteps: 2 }, terrible, others)).toEqual([false, false, true, true, true, true]);
    // Steps 0..5, warm-up 1, every 2: decided at 1, 3, 5.
    expect(decisions({ ...DEFAULTS, percentile: 50, warmupSteps: 1, intervalSteps: 2 }, terrible, others)).toEqual([false, true, false, true, false, true]);
  });

  it('decides at a sparse step when no earlier step of the trial fell in its interval', () => {
    const others = COMPLETED.map((t) => curve(t.number, 'COMPLETE', Array(12).fill(5), 0));
    const pruner = new PercentilePruner({ ...DEFAULTS, percentile: 50, intervalSteps: 4 });
    const at = (steps: number[]) => pruner.decide({ trial: { number: 9, state: 'RUNNING', steps: steps.map((step) => ({ step, loss: 9 })) }, others, seed: 0 }).prune;
    expect(at([0])).toBe(true);
    expect(at([0, 3])).toBe(false);
    expect(at([0, 3, 6])).toBe(true);
    expect(at([0, 5, 6])).toBe(false);
  });

  it('needs minTrials completed trials that reported the step itself', () => {
    const short = [...COMPLETED.slice(0, 3), curve(3, 'COMPLETE', [4, 3]), curve(4, 'COMPLETE', [5, 4])];
    const trial = curve(9, 'RUNNING', [9, 9, 9]);
    expect(decisions({ ...DEFAULTS, percentile: 50, minTrials: 4 }, trial, short)).toEqual([true, true, false]);
  });

  it('prunes a trial whose every loss is not a number, and keeps one with no completed trial to compare with', () => {
    const pruner = medianPruner({ ...DEFAULTS, startupTrials: 0 });
    expect(pruner.decide({ trial: curve(9, 'RUNNING', [Number.NaN]), others: COMPLETED, seed: 0 }).prune).toBe(true);
    expect(pruner.decide({ trial: curve(9, 'RUNNING', [Number.NaN, 2]), others: COMPLETED, seed: 0 }).prune).toBe(false);
    expect(pruner.decide({ trial: curve(9, 'RUNNING', [99]), others: [], seed: 0 }).prune).toBe(false);
  });
});
