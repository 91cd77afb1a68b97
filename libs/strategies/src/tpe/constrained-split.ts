import { splitByStanding } from './standing-split';
import { splitByMask, type TpeSplit } from './split-by-mask';
import { splitInTiers } from './tiered-split';
import { isFinished, type TpeObservation } from './tpe-observations';

/** Least violation first; ties go to the older trial (Optuna 3.x `_split_infeasible_trials`). */
function splitByViolation(observations: readonly TpeObservation[], nBelow: number): TpeSplit {
  const violation = (i: number) => observations[i].violation as number;
  const order = observations.map((_, i) => i).sort((a, b) => violation(a) - violation(b) || observations[a].number - observations[b].number);
  const isBelow = new Uint8Array(observations.length);
  for (let r = 0; r < nBelow && r < order.length; r++) isBelow[order[r]] = 1;
  return splitByMask(observations, isBelow);
}

/**
 * Constrained TPE's split (Optuna 3.x `_split_trials` with constraints): the
 * good group takes the best feasible results by `splitFeasible` first, then
 * the feasible pruned trials that got furthest (`splitByStanding`), then the
 * least-violating other finished trials (infeasible results, infeasible
 * pruned trials and those without constraint values). Trials without a result
 * (failed, pending) only ever go above. Without a pruned trial this is
 * Optuna 3.1's `_split_observation_pairs` with `constraints_func`.
 */
export function splitByFeasibility(
  observations: readonly TpeObservation[],
  nBelow: number,
  splitFeasible: (feasible: readonly TpeObservation[], nBelow: number) => TpeSplit,
): TpeSplit {
  const finished = observations.filter(isFinished);
  const feasible = (o: TpeObservation) => o.violation === 0;
  return splitInTiers(observations, nBelow, [
    { members: finished.filter((o) => feasible(o) && o.pruned === undefined), split: splitFeasible },
    { members: finished.filter((o) => feasible(o) && o.pruned !== undefined), split: splitByStanding },
    { members: finished.filter((o) => !feasible(o)), split: splitByViolation },
  ]);
}
