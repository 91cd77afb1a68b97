import { isFeasible } from '@attune/core/pareto/dominance';
import type { TrialView } from '@attune/core/trial/trial-view';

/**
 * The history as a strategy that does not weigh constraints should see it:
 * every infeasible COMPLETE trial's `loss` replaced by one worse than every
 * feasible trial's, ordered by violation, so that a strategy minimising the
 * loss ranks infeasible trials below feasible ones (Deb's rule in one number).
 *
 * With feasible results, whose losses span [best, worst]:
 *
 *   loss' = worst + scale · (1 + violation),  scale = worst − best  (or max(|worst|, 1) when they are all equal)
 *
 * The margin of one `scale` keeps the least infeasible trial clearly behind
 * the worst feasible one, and violation × scale orders the infeasible ones;
 * both are in the loss's own units, so a model fitted to the losses (a GP's
 * standardisation, CMA-ES's ranks) sees a gap of the size of the feasible
 * spread, not a cliff that flattens everything else. With no feasible result
 * yet, loss' = violation alone: the strategy is steered towards feasibility.
 * A trial whose violation is not finite gets loss' = +Infinity (worst).
 *
 * Feasible, pending and failed trials are handed over as they are (the same
 * objects); a history without an infeasible trial is returned unchanged.
 */
export function rankInfeasibleBelow(trials: readonly TrialView[]): readonly TrialView[] {
  const infeasible = (t: TrialView) => t.state === 'COMPLETE' && !isFeasible(t);
  if (!trials.some(infeasible)) return trials;
  const penalty = penaltyOf(trials.filter((t) => t.state === 'COMPLETE' && isFeasible(t) && t.loss !== undefined && Number.isFinite(t.loss)).map((t) => t.loss as number));
  return trials.map((t) => (infeasible(t) ? { ...t, loss: penalty(t.violation as number) } : t));
}

/** The loss of an infeasible trial from its violation, given the feasible losses. */
function penaltyOf(feasibleLosses: readonly number[]): (violation: number) => number {
  if (feasibleLosses.length === 0) return (violation) => (Number.isFinite(violation) ? violation : Infinity);
  const worst = Math.max(...feasibleLosses);
  const best = Math.min(...feasibleLosses);
  const scale = worst > best ? worst - best : Math.max(Math.abs(worst), 1);
  return (violation) => (Number.isFinite(violation) ? worst + scale * (1 + violation) : Infinity);
}
