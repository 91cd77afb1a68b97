import { splitByFeasibility } from './constrained-split';
import { splitByLoss } from './loss-split';
import { splitByDominance } from './motpe-split';
import type { TpeSplit } from './split-by-mask';
import type { TpeObservation } from './tpe-observations';

/**
 * Optuna 3.1's `_split_observation_pairs`: one objective by loss, several by
 * non-dominated rank and then hypervolume subset selection; in a constrained
 * study, feasible trials first, infeasible ones by their violation.
 */
export function splitObservations(observations: readonly TpeObservation[], nBelow: number): TpeSplit {
  const several = (observations[0]?.losses.length ?? 1) > 1;
  const byObjectives = several ? splitByDominance : splitByLoss;
  return observations[0]?.violation === undefined ? byObjectives(observations, nBelow) : splitByFeasibility(observations, nBelow, byObjectives);
}
