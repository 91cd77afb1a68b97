import type { TpeObservation } from './tpe-observations';
import { splitByMask, type TpeSplit } from './split-by-mask';

/**
 * Constrained TPE's split (Optuna 3.1 `_split_observation_pairs` with
 * `constraints_func`): observations ranked by violation, feasible ones (0)
 * first. When the good group cannot be filled with feasible trials alone it
 * takes every feasible one and the least-violating others; otherwise it is
 * the best of the feasible trials by `splitFeasible`, and every infeasible
 * trial goes above. Ties in violation go to the older trial.
 */
export function splitByFeasibility(
  observations: readonly TpeObservation[],
  nBelow: number,
  splitFeasible: (feasible: readonly TpeObservation[], nBelow: number) => TpeSplit,
): TpeSplit {
  const violation = (i: number) => observations[i].violation as number;
  const order = observations.map((_, i) => i).sort((a, b) => violation(a) - violation(b) || observations[a].number - observations[b].number);
  const isBelow = new Uint8Array(observations.length);
  if (nBelow >= observations.length || violation(order[nBelow]) > 0) {
    for (let r = 0; r < nBelow && r < order.length; r++) isBelow[order[r]] = 1;
    return splitByMask(observations, isBelow);
  }
  const feasible = observations.filter((o) => o.violation === 0);
  const chosen = new Set(splitFeasible(feasible, nBelow).below);
  observations.forEach((o, i) => (isBelow[i] = chosen.has(o) ? 1 : 0));
  return splitByMask(observations, isBelow);
}
