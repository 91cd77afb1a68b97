import type { TrialView } from '../trial/trial-view';
import { isFeasible } from './dominance';
import { nonDominatedMask } from './non-dominated-mask';

/** A trial's objectives as losses: `losses` in a study with several objectives, else `[loss]`; undefined when it has none. */
export function objectiveLosses(trial: Pick<TrialView, 'loss' | 'losses'>): readonly number[] | undefined {
  return trial.losses ?? (trial.loss === undefined ? undefined : [trial.loss]);
}

/**
 * The non-dominated feasible trials (what a study with several objectives
 * reports as its best), by trial number: COMPLETE trials with finite losses,
 * feasible (`violation` absent or 0), that no other such trial dominates.
 * Trials with equal losses are all kept. Empty when no trial is feasible.
 */
export function paretoFront<T extends TrialView>(trials: readonly T[]): T[] {
  const candidates = trials.filter((t) => t.state === 'COMPLETE' && isFeasible(t) && objectiveLosses(t)?.every(Number.isFinite));
  const front = nonDominatedMask(candidates.map((t) => objectiveLosses(t) as readonly number[]));
  return candidates.filter((_, i) => front[i]).sort((a, b) => a.number - b.number);
}
