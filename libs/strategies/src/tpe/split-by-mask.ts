import type { TpeObservation } from './tpe-observations';

/** The "good" observations that l(x) is fitted to and the rest, for g(x); each group in chronological order. */
export interface TpeSplit {
  readonly below: TpeObservation[];
  readonly above: TpeObservation[];
}

/** Observations in chronological order, split by a membership mask. */
export function splitByMask(observations: readonly TpeObservation[], isBelow: Uint8Array): TpeSplit {
  const below: TpeObservation[] = [];
  const above: TpeObservation[] = [];
  observations.forEach((o, i) => (isBelow[i] ? below : above).push(o));
  return { below, above };
}
