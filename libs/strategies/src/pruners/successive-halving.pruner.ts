import { formatValue } from '@attune/core/text/format-value';
import { KEEP, type PruneDecision, type Pruner, type PrunerContext, type PrunerTrial } from './pruner';

export interface SuccessiveHalvingOptions {
  /** Steps before the first rung (Optuna's min_resource). @default 1 */
  readonly minResource: number;
  /** η: rung k is at minResource·η^(minEarlyStoppingRate+k), and a trial passes it in the best 1/η. @default 4 */
  readonly reductionFactor: number;
  /** Skips the first rungs. @default 0 */
  readonly minEarlyStoppingRate: number;
  /** A trial is pruned at a rung until more than this many trials (itself included) have reached it. @default 0 */
  readonly bootstrapCount: number;
}

/**
 * Asynchronous successive halving, as Optuna's SuccessiveHalvingPruner. A
 * trial reaches rung k when it first reports a step at or beyond the rung's
 * step minResource·η^(minEarlyStoppingRate+k); its loss at the rung is its
 * loss at that step (steps may be sparse: one report may reach several
 * rungs at once, with the same loss, as in Optuna). It is compared there
 * with the rung losses of every trial of `others` that reached the rung, in
 * any state, and continues only when its loss is at most the
 * ⌊n/η⌋-th lowest of those n losses (itself included), or the lowest while
 * n < η.
 *
 * Optuna records a trial's rung losses as it decides; this pruner reads them
 * from the stored steps instead (see `lossAtRung`), so that any coordinator
 * decides the same from what is stored.
 */
export class SuccessiveHalvingPruner implements Pruner {
  readonly name = 'successive-halving';

  constructor(private readonly options: SuccessiveHalvingOptions) {}

  decide({ trial, others }: PrunerContext): PruneDecision {
    const last = trial.steps.at(-1);
    if (!last) return KEEP;
    const previous = trial.steps.length > 1 ? trial.steps[trial.steps.length - 2].step : Number.NEGATIVE_INFINITY;
    for (let rung = this.rungsPassedBy(previous); last.step >= this.rungStep(rung); rung++) {
      if (Number.isNaN(last.loss)) return { prune: true, reason: `loss at step ${last.step} is not a number` };
      const decision = this.decideAtRung(rung, last.loss, last.step, others);
      if (decision.prune) return decision;
    }
    return KEEP;
  }

  /** The step of rung `rung`: minResource·η^(minEarlyStoppingRate+rung). */
  rungStep(rung: number): number {
    const { minResource, reductionFactor, minEarlyStoppingRate } = this.options;
    return minResource * reductionFactor ** (minEarlyStoppingRate + rung);
  }

  /** How many rungs a trial whose furthest step is `step` has reached. */
  private rungsPassedBy(step: number): number {
    let rung = 0;
    while (step >= this.rungStep(rung)) rung++;
    return rung;
  }

  private decideAtRung(rung: number, loss: number, step: number, others: readonly PrunerTrial[]): PruneDecision {
    const rungStep = this.rungStep(rung);
    const competing = [...others.flatMap((t) => this.lossAtRung(t, rung)), loss].sort((a, b) => a - b);
    const n = competing.length;
    const { bootstrapCount } = this.options;
    if (n <= bootstrapCount)
      return { prune: true, reason: `only ${n === 1 ? '1 trial has' : `${n} trials have`} reached step ${rungStep}; a trial continues past it once more than ${bootstrapCount} have (bootstrapCount)` };
    const cut = competing[this.promotable(n) - 1];
    if (loss <= cut) return KEEP;
    const where = step === rungStep ? `at step ${step}` : `at step ${step} (its first report at or after the rung at step ${rungStep})`;
    const best = this.promotable(n) === 1 ? 'is not the best' : `is not among the best ${this.promotable(n)}`;
    return { prune: true, reason: `loss ${formatValue(loss)} ${where} ${best} of the ${n} trials that reached step ${rungStep} (loss ${formatValue(cut)} is needed to continue)` };
  }

  /** Optuna's _is_trial_promotable_to_next_rung: continue when among the ⌊n/η⌋ lowest of n, or the lowest while n < η. */
  private promotable(n: number): number {
    return Math.max(Math.floor(n / this.options.reductionFactor), 1);
  }

  /**
   * The trial's loss at the rung: at its first step at or beyond the rung's
   * step; none when it never got there. Optuna records a trial at each rung
   * it passes and at the one that prunes it, not beyond. When a PRUNED
   * trial's last report reached several rungs at once, the stored steps do
   * not say at which it failed (that hung on what the others had reported
   * then): it counts at the first of them only, where a trial that fails
   * fails most often.
   */
  private lossAtRung(trial: PrunerTrial, rung: number): number[] {
    const index = trial.steps.findIndex((s) => s.step >= this.rungStep(rung));
    // Optuna never records a NaN loss at a rung (the trial is pruned first).
    if (index < 0 || Number.isNaN(trial.steps[index].loss)) return [];
    const reachedEarlierRungHere = rung > 0 && (index === 0 || trial.steps[index - 1].step < this.rungStep(rung - 1));
    if (trial.state === 'PRUNED' && index === trial.steps.length - 1 && reachedEarlierRungHere) return [];
    return [trial.steps[index].loss];
  }
}
