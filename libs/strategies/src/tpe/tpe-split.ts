import { splitByFeasibility } from './constrained-split';
import { splitByLoss } from './loss-split';
import { splitByDominance } from './motpe-split';
import type { TpeSplit } from './split-by-mask';
import { splitByStanding } from './standing-split';
import { splitInTiers } from './tiered-split';
import { hasResult, type TpeObservation } from './tpe-observations';

/**
 * Optuna 3.x's `_split_trials`: results first (one objective by loss,
 * several by non-dominated rank and then hypervolume subset selection), then
 * pruned trials by how far they got; in a constrained study, feasible results,
 * feasible pruned trials, then the other finished ones by violation. Trials
 * without a result (failed, pending) only ever go above.
 */
export function splitObservations(observations: readonly TpeObservation[], nBelow: number): TpeSplit {
  const several = (observations[0]?.losses.length ?? 1) > 1;
  const byObjectives = several ? splitByDominance : splitByLoss;
  if (observations[0]?.violation !== undefined) return splitByFeasibility(observations, nBelow, byObjectives);
  return splitInTiers(observations, nBelow, [
    { members: observations.filter(hasResult), split: byObjectives },
    { members: observations.filter((o) => o.pruned !== undefined), split: splitByStanding },
  ]);
}
