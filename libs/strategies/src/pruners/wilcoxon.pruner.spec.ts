import { describe, expect, it } from 'vitest';
import type { PrunerTrial } from './pruner';
import { curve, upTo } from './testing/pruner-trials';
import { WilcoxonPruner } from './wilcoxon.pruner';

const OPTIONS = { pThreshold: 0.1, startupSteps: 2 };

function decisions(trial: PrunerTrial, others: readonly PrunerTrial[], options = OPTIONS): boolean[] {
  const pruner = new WilcoxonPruner(options);
  return trial.steps.map((_, i) => pruner.decide({ trial: upTo(trial, i + 1), others, seed: 0 }).prune);
}

describe('wilcoxon pruner (Optuna\'s WilcoxonPruner)', () => {
  const best = curve(0, 'COMPLETE', [1, 2, 1, 3, 1, 2, 1, 3]);
  const worse = curve(1, 'COMPLETE', [2, 3, 2, 4, 2, 3, 2, 4]);

  it('prunes once the paired differences are significantly positive (all positive: p = 2^-n, below 0.1 from n = 4)', () => {
    const trial = curve(9, 'RUNNING', [1.5, 2.5, 1.6, 3.7, 1.2, 2.1]);
    expect(decisions(trial, [worse, best])).toEqual([false, false, false, true, true, true]);
    const pruner = new WilcoxonPruner(OPTIONS);
    expect(pruner.decide({ trial: upTo(trial, 4), others: [best, worse], seed: 0 })).toEqual({
      prune: true,
      reason:
        'its losses at 4 steps are worse than those of the best completed trial, trial 0, at the same steps (one-sided Wilcoxon signed-rank p = 0.0625, below 0.1; its mean loss 2.325 against 1.75)',
    });
  });

  it('keeps a trial no worse than the best, and waits for max(2, startupSteps) pairs', () => {
    expect(decisions(curve(9, 'RUNNING', [0.9, 2.1, 0.8, 3.1, 0.9, 2.2]), [best])).toEqual([false, false, false, false, false, false]);
    expect(decisions(curve(9, 'RUNNING', [1.5, 2.5, 1.6, 3.7, 1.2, 2.1]), [best], { ...OPTIONS, startupSteps: 5 })).toEqual([false, false, false, false, true, true]);
    expect(decisions(curve(9, 'RUNNING', [5, 5]), [best], { pThreshold: 0.9, startupSteps: 0 })).toEqual([false, true]);
  });

  it('keeps a trial, for safety, whose mean loss so far is at most the best trial\'s mean', () => {
    // Worse than the best at each of steps 1..4, but the best's mean over its 8 steps (1.75) is above 1.4.
    expect(decisions(curve(9, 'RUNNING', [1.1, 1.2, 1.3, 2]), [best])).toEqual([false, false, false, false]);
  });

  it('pairs only the steps both reported, and keeps when a loss is not finite or there is no completed trial', () => {
    const trial: PrunerTrial = { number: 9, state: 'RUNNING', steps: [2, 4, 6, 8, 9].map((step) => ({ step, loss: 5 })) };
    const pruner = new WilcoxonPruner(OPTIONS);
    expect(pruner.decide({ trial, others: [best], seed: 0 })).toMatchObject({ prune: true, reason: expect.stringContaining('at 4 steps') });
    expect(pruner.decide({ trial, others: [{ ...best, state: 'PRUNED' }], seed: 0 }).prune).toBe(false);
    expect(pruner.decide({ trial: { ...trial, steps: [...trial.steps, { step: 10, loss: Number.POSITIVE_INFINITY }] }, others: [best], seed: 0 }).prune).toBe(false);
  });
});
