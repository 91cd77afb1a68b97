import { splitByMask, type TpeSplit } from './split-by-mask';
import type { PrunedStanding, TpeObservation } from './tpe-observations';

const compare = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Best first: the further step, then the lower loss at it; ties go to the older trial. */
function byStanding(a: TpeObservation, b: TpeObservation): number {
  const sa = a.pruned as PrunedStanding;
  const sb = b.pruned as PrunedStanding;
  return compare(sb.step, sa.step) || compare(sa.loss, sb.loss) || a.number - b.number;
}

/**
 * Pruned trials' split (Optuna 3.x `_split_pruned_trials`): the `nBelow` that
 * got furthest, those stopped at the same step by their loss there; a trial
 * pruned before reporting anything ranks last (see `PrunedStanding`).
 */
export function splitByStanding(observations: readonly TpeObservation[], nBelow: number): TpeSplit {
  const ranked = observations.map((o, i) => i).sort((a, b) => byStanding(observations[a], observations[b]));
  const isBelow = new Uint8Array(observations.length);
  for (let r = 0; r < nBelow && r < ranked.length; r++) isBelow[ranked[r]] = 1;
  return splitByMask(observations, isBelow);
}
