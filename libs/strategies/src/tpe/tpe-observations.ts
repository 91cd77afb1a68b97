import type { TrialView } from '@attune/core/trial/trial-view';
import { encodeValue, type TpeDimension } from './tpe-dimension';

/** One trial as TPE sees it: its row in estimator coordinates and its score (lower is better). */
export interface TpeObservation {
  readonly number: number;
  readonly row: Float64Array;
  /** The loss; +Infinity for failed trials and for the lie given to pending ones. */
  readonly score: number;
}

export function encodeRow(dims: readonly TpeDimension[], params: TrialView['params']): Float64Array {
  const row = new Float64Array(dims.length);
  dims.forEach((dim, j) => (row[j] = encodeValue(dim, params[dim.param.name])));
  return row;
}

/**
 * Scores of the history: COMPLETE trials by their loss (a missing or NaN loss
 * counts as worst), FAILED and TIMED_OUT as worst, pending trials as worst
 * when the constant liar is on; PRUNED and CANCELLED trials are left out.
 */
export function collectObservations(
  encode: (params: TrialView['params']) => Float64Array,
  trials: readonly TrialView[],
  constantLiar: boolean,
): TpeObservation[] {
  const out: TpeObservation[] = [];
  for (const t of trials) {
    let score: number;
    if (t.state === 'COMPLETE') score = t.loss !== undefined && Number.isFinite(t.loss) ? t.loss : Infinity;
    else if (t.state === 'FAILED' || t.state === 'TIMED_OUT') score = Infinity;
    else if ((t.state === 'QUEUED' || t.state === 'RUNNING') && constantLiar) score = Infinity;
    else continue;
    out.push({ number: t.number, row: encode(t.params), score });
  }
  return out;
}

/** Optuna's default weights: 1 for the 25 most recent, a linear ramp from 1/n up for older ones. */
export function observationWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const w: number[] = [];
  for (let i = 0; i < ramp; i++) w.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) w.push(1);
  return w;
}

/** The `nBelow` best observations and the rest, each in chronological order; ties go to the older trial. */
export function splitObservations(
  observations: readonly TpeObservation[],
  nBelow: number,
): { below: TpeObservation[]; above: TpeObservation[] } {
  const ranked = observations.map((o, i) => i).sort((a, b) => {
    const d = observations[a].score - observations[b].score;
    return d < 0 ? -1 : d > 0 ? 1 : observations[a].number - observations[b].number;
  });
  const isBelow = new Uint8Array(observations.length);
  for (let r = 0; r < nBelow && r < ranked.length; r++) isBelow[ranked[r]] = 1;
  const below: TpeObservation[] = [];
  const above: TpeObservation[] = [];
  observations.forEach((o, i) => (isBelow[i] ? below : above).push(o));
  return { below, above };
}
