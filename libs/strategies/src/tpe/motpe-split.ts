import { nonDominatedSort } from '@attune/core/pareto/non-dominated-sort';
import { motpeReferencePoint, selectHypervolumeSubset } from './hypervolume-subset';
import { splitByMask, type TpeSplit } from './split-by-mask';
import type { TpeObservation } from './tpe-observations';

/**
 * MOTPE's split for several objectives (Optuna 3.1 `_split_observation_pairs`):
 * whole non-dominated fronts go below while they fit; the front that does not
 * fit gives the rest of the good group by greedy hypervolume subset
 * selection, with the reference point 10% beyond that front's worst values.
 */
export function splitByDominance(observations: readonly TpeObservation[], nBelow: number): TpeSplit {
  const fronts = nonDominatedSort(observations.map((o) => ({ losses: o.losses })));
  const isBelow = new Uint8Array(observations.length);
  let count = 0;
  let f = 0;
  for (; f < fronts.length && count + fronts[f].length <= nBelow; f++) {
    for (const i of fronts[f]) isBelow[i] = 1;
    count += fronts[f].length;
  }
  if (count < nBelow && f < fronts.length) {
    const front = fronts[f].map((i) => observations[i].losses);
    for (const k of selectHypervolumeSubset(front, nBelow - count, motpeReferencePoint(front))) isBelow[fronts[f][k]] = 1;
  }
  return splitByMask(observations, isBelow);
}
