import { splitByMask, type TpeSplit } from './split-by-mask';
import type { TpeObservation } from './tpe-observations';

/** One group of a tiered split: its observations (in chronological order) and how the best of them are chosen. */
export interface SplitTier {
  readonly members: readonly TpeObservation[];
  readonly split: (members: readonly TpeObservation[], nBelow: number) => TpeSplit;
}

/**
 * Optuna 3.x `_split_trials`: the good group is filled tier by tier, each
 * tier giving as many of its best (by its own rule) as still fit, so no
 * member of a later tier goes below while an earlier tier has one left.
 * Everything not chosen goes above; both groups keep `observations`' order.
 */
export function splitInTiers(observations: readonly TpeObservation[], nBelow: number, tiers: readonly SplitTier[]): TpeSplit {
  const chosen = new Set<TpeObservation>();
  for (const { members, split } of tiers) {
    const take = Math.min(nBelow - chosen.size, members.length);
    if (take <= 0) continue;
    for (const o of split(members, take).below) chosen.add(o);
  }
  return splitByMask(observations, Uint8Array.from(observations, (o) => (chosen.has(o) ? 1 : 0)));
}
