import { splitByMask, type TpeSplit } from './split-by-mask';
import type { TpeObservation } from './tpe-observations';

/** The `nBelow` lowest single losses and the rest; ties go to the older trial. */
export function splitByLoss(observations: readonly TpeObservation[], nBelow: number): TpeSplit {
  const ranked = observations.map((o, i) => i).sort((a, b) => {
    const d = observations[a].losses[0] - observations[b].losses[0];
    return d < 0 ? -1 : d > 0 ? 1 : observations[a].number - observations[b].number;
  });
  const isBelow = new Uint8Array(observations.length);
  for (let r = 0; r < nBelow && r < ranked.length; r++) isBelow[ranked[r]] = 1;
  return splitByMask(observations, isBelow);
}
