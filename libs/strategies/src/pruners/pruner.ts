import type { TrialState } from '@attune/core/trial/trial-state';

/**
 * Pruners decide, after each step a running trial reports, whether it is
 * worth finishing. They are pure like the strategies: the same context gives
 * the same decision, so any coordinator can decide for any study from what
 * is stored. Values are losses (the objective oriented for minimisation, see
 * `toLoss`): lower is better, whatever the study's direction.
 */

/** One reported step of a trial: where it was, and its objective's loss there. */
export interface StepLoss {
  readonly step: number;
  readonly loss: number;
}

/** A trial as a pruner sees it: its state and the steps it reported, in rising order of step. */
export interface PrunerTrial {
  readonly number: number;
  readonly state: TrialState;
  readonly steps: readonly StepLoss[];
  /** The trial's final loss, on COMPLETE trials (pruners that compare with the best completed trial read it). */
  readonly loss?: number;
}

export interface PrunerContext {
  /** The trial that just reported a step (RUNNING); its last entry in `steps` is that step. */
  readonly trial: PrunerTrial;
  /** Every other trial of the study that reported at least one step, in any state, ordered by number. */
  readonly others: readonly PrunerTrial[];
  /** The study's seed (Hyperband assigns trials to brackets with it). */
  readonly seed: number;
}

/** Keep running, or stop with a reason a user can read (`worse than the median 0.42 of 5 completed trials at step 10`). */
export type PruneDecision = { readonly prune: false } | { readonly prune: true; readonly reason: string };

export interface Pruner {
  readonly name: string;
  decide(ctx: PrunerContext): PruneDecision;
}

export const KEEP: PruneDecision = { prune: false };
