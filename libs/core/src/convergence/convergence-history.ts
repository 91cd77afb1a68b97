import { isFeasible } from '../pareto/dominance';
import { objectiveLosses } from '../pareto/pareto-front';
import { valueDirection } from '../objective/study-objectives';
import type { NormalizedObjectives } from '../objective/normalize-objectives';
import { fromLoss } from '../trial/trial-view';
import type { ConvergenceTrial } from './convergence-verdict';

/**
 * The trials the rules count, by number: COMPLETE ones whose objective
 * losses are all finite. FAILED, TIMED_OUT, PRUNED, CANCELLED and pending
 * trials say nothing about the objective (a run of failures is the business
 * of `budget.maxFailedTrials`). Infeasible trials are counted (they were
 * measured, and did not improve on the best) but never become the best.
 */
export function completedTrials(trials: readonly ConvergenceTrial[]): ConvergenceTrial[] {
  return trials
    .filter((t) => t.state === 'COMPLETE' && objectiveLosses(t)?.every(Number.isFinite) === true)
    .sort((a, b) => a.number - b.number);
}

/** The best feasible trial so far: its number and loss. */
export interface Best {
  readonly number: number;
  readonly loss: number;
}

/**
 * After each completed trial (one objective), the best feasible loss so far;
 * undefined until the first feasible trial. Ties keep the earlier trial.
 */
export function bestSoFar(completed: readonly ConvergenceTrial[]): (Best | undefined)[] {
  let best: Best | undefined;
  return completed.map((t) => {
    if (isFeasible(t) && t.loss !== undefined && (best === undefined || t.loss < best.loss)) best = { number: t.number, loss: t.loss };
    return best;
  });
}

/** A loss as the user reads the objective: the metric's value (its sign restored), or the composite score. */
export function valueOfLoss(objectives: NormalizedObjectives, loss: number): number {
  return fromLoss(loss, valueDirection(objectives) ?? 'minimize');
}
