import type { EncodedSpace } from './encoded-space';

/** A completed trial as the GP sees it. */
export interface Observation {
  readonly number: number;
  readonly x: Float64Array;
  readonly loss: number;
  /** Variance of `loss` as measured (sd²/count of its repeats), when known. */
  readonly noiseVariance?: number;
  /** Total constraint violation (0 when feasible), when the study has constraints. */
  readonly violation?: number;
}

/**
 * At most `max` observations for the GP, so a proposal's cost stays bounded as
 * the history grows: every observation while they fit; past that the best
 * third (feasible first, see `byRank`), the most recent third, and a space-filling rest (greedy farthest
 * point among the others). Deterministic; returned in trial-number order.
 */
export function selectTrainingSet(all: readonly Observation[], max: number, space: EncodedSpace): Observation[] {
  if (all.length <= max) return [...all];
  const chosen = new Set<number>();
  const byLoss = all.map((_, i) => i).sort((a, b) => byRank(all[a], all[b]) || all[a].number - all[b].number);
  for (const i of byLoss.slice(0, Math.floor(max / 3))) chosen.add(i);
  for (let i = all.length - 1; i >= 0 && chosen.size < Math.floor((2 * max) / 3); i--) chosen.add(i);
  farthestPointFill(all, chosen, max, space);
  return [...chosen].sort((a, b) => a - b).map((i) => all[i]);
}

function farthestPointFill(all: readonly Observation[], chosen: Set<number>, max: number, space: EncodedSpace): void {
  const rest = all.map((_, i) => i).filter((i) => !chosen.has(i));
  const minDist = new Float64Array(rest.length).fill(Infinity);
  const update = (j: number) => rest.forEach((i, k) => (minDist[k] = Math.min(minDist[k], distance(all[i].x, all[j].x, space))));
  chosen.forEach(update);
  while (chosen.size < max && rest.length > 0) {
    let bestK = -1;
    for (let k = 0; k < rest.length; k++) if (!chosen.has(rest[k]) && (bestK < 0 || minDist[k] > minDist[bestK])) bestK = k;
    if (bestK < 0) break;
    chosen.add(rest[bestK]);
    update(rest[bestK]);
  }
}

function distance(a: Float64Array, b: Float64Array, space: EncodedSpace): number {
  let s = 0;
  for (let l = 0; l < a.length; l++) {
    const diff = a[l] - b[l];
    s += space.categorical[l] ? (diff !== 0 ? 1 : 0) : diff * diff;
  }
  return s;
}

/**
 * Best first: feasible observations by loss, then infeasible ones by violation
 * (without constraints every observation is feasible and this is by loss).
 */
export function byRank(a: Pick<Observation, 'loss' | 'violation'>, b: Pick<Observation, 'loss' | 'violation'>): number {
  const va = a.violation ?? 0;
  const vb = b.violation ?? 0;
  if (va > 0 || vb > 0) return va - vb;
  return a.loss - b.loss;
}
