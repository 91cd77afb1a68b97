import { describe, expect, it } from 'vitest';
import type { PrunerTrial } from './pruner';
import { SuccessiveHalvingPruner } from './successive-halving.pruner';
import { curve, sparse } from './testing/pruner-trials';

const HALVING = { minResource: 1, reductionFactor: 2, minEarlyStoppingRate: 0, bootstrapCount: 0 };

function decide(pruner: SuccessiveHalvingPruner, trial: PrunerTrial, others: readonly PrunerTrial[]) {
  return pruner.decide({ trial, others, seed: 0 });
}

describe('successive halving (Optuna\'s SuccessiveHalvingPruner, asynchronous)', () => {
  it('puts rung k at minResource·η^(minEarlyStoppingRate+k)', () => {
    const pruner = new SuccessiveHalvingPruner({ ...HALVING, minResource: 3, reductionFactor: 4, minEarlyStoppingRate: 1 });
    expect([0, 1, 2].map((k) => pruner.rungStep(k))).toEqual([12, 48, 192]);
  });

  it('keeps a trial at a rung when it is among the best ⌊n/η⌋ that reached it, or the best while n < η', () => {
    const pruner = new SuccessiveHalvingPruner(HALVING);
    // Trials 0..3 reach the rung at step 1 in turn with losses 0.5, 0.4, 0.6, 0.3.
    const at1 = [0.5, 0.4, 0.6, 0.3].map((loss, number) => curve(number, 'RUNNING', [loss]));
    const decisions = at1.map((trial, i) => decide(pruner, trial, at1.slice(0, i)).prune);
    expect(decisions).toEqual([false, false, true, false]);
    expect(decide(pruner, at1[2], at1.slice(0, 2))).toEqual({
      prune: true,
      reason: 'loss 0.6 at step 1 is not the best of the 3 trials that reached step 1 (loss 0.4 is needed to continue)',
    });
  });

  it('compares with every trial that reached the rung, in any state, at its loss there', () => {
    const pruner = new SuccessiveHalvingPruner(HALVING);
    const others = [curve(0, 'COMPLETE', [0.9, 0.2, 0.1, 0.1]), curve(1, 'PRUNED', [0.3]), curve(2, 'RUNNING', [0.35, 0.3])];
    // At step 1 the rung holds 0.9, 0.3, 0.35 and ours: ⌊4/2⌋ = 2 continue, the cut is 0.35.
    expect(decide(pruner, curve(9, 'RUNNING', [0.35]), others).prune).toBe(false);
    expect(decide(pruner, curve(9, 'RUNNING', [0.36]), others).prune).toBe(true);
    // Step 3 is no rung: kept whatever its loss.
    expect(decide(pruner, curve(9, 'RUNNING', [0.1, 0.25, 9]), others).prune).toBe(false);
    // At step 2 the rung holds 0.2, 0.3 and ours: one continues.
    expect(decide(pruner, curve(9, 'RUNNING', [0.1, 0.25]), others)).toMatchObject({ prune: true });
  });

  it('with sparse steps, reaches every rung passed by a report at once, with the loss of that report', () => {
    const pruner = new SuccessiveHalvingPruner(HALVING);
    const others = [curve(0, 'COMPLETE', [0.5, 0.45, 0.4, 0.3, 0.3]), curve(1, 'COMPLETE', [0.6, 0.5, 0.45, 0.2, 0.2])];
    // Step 5 reaches the rungs at 1, 2 and 4 at once with loss 0.35: the best at 1 and 2 (0.5/0.6, 0.45/0.5), not at 4 (0.3, 0.2).
    const reason = decide(pruner, sparse(9, 'RUNNING', [[5, 0.35]]), others);
    expect(reason).toEqual({
      prune: true,
      reason: 'loss 0.35 at step 5 (its first report at or after the rung at step 4) is not the best of the 3 trials that reached step 4 (loss 0.2 is needed to continue)',
    });
    // Another trial at step 3 (rungs 1 and 2) then meets ours at step 2 with 0.35, at its first report at or after it.
    expect(decide(pruner, sparse(10, 'RUNNING', [[3, 0.4]]), [...others, sparse(9, 'PRUNED', [[5, 0.35]])]).prune).toBe(false);
  });

  it('counts a PRUNED trial whose last report passed several rungs at the first of them only', () => {
    const pruner = new SuccessiveHalvingPruner(HALVING);
    const prunedAtOnce = sparse(0, 'PRUNED', [[2, 0.1]]);
    // At step 1 it is a rival with 0.1 (⌊2/2⌋ = 1: 0.2 is not the best) ...
    expect(decide(pruner, curve(9, 'RUNNING', [0.2]), [prunedAtOnce]).prune).toBe(true);
    // ... at step 2 it is not: alone there, 0.2 is the best.
    expect(decide(pruner, curve(9, 'RUNNING', [0.05, 0.2]), [prunedAtOnce]).prune).toBe(false);
  });

  it('prunes at a rung until more than bootstrapCount trials have reached it', () => {
    const pruner = new SuccessiveHalvingPruner({ ...HALVING, bootstrapCount: 2 });
    const first = curve(0, 'RUNNING', [0.1]);
    expect(decide(pruner, first, [])).toEqual({
      prune: true,
      reason: 'only 1 trial has reached step 1; a trial continues past it once more than 2 have (bootstrapCount)',
    });
    expect(decide(pruner, curve(2, 'RUNNING', [0.1]), [curve(0, 'PRUNED', [0.3]), curve(1, 'PRUNED', [0.2])]).prune).toBe(false);
  });

  it('prunes a loss that is not a number at a rung, and keeps a trial before the first rung', () => {
    const pruner = new SuccessiveHalvingPruner({ ...HALVING, minResource: 4 });
    expect(decide(pruner, curve(0, 'RUNNING', [Number.NaN, Number.NaN, Number.NaN]), []).prune).toBe(false);
    expect(decide(pruner, curve(0, 'RUNNING', [1, 1, 1, Number.NaN]), []).prune).toBe(true);
  });
});
