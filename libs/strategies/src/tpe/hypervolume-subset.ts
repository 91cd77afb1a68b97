import { hypervolume } from '@attune/core/pareto/hypervolume';

type Point = readonly number[];

/** Optuna's EPS: a reference coordinate that would be 0 becomes this. */
export const MOTPE_EPS = 1e-12;

/**
 * MOTPE's reference point for a set of loss vectors: 10% beyond the worst
 * value of each objective (max(1.1·w, 0.9·w), so also for negative w), and
 * EPS where that is 0. Every point of the set lies strictly inside it.
 */
export function motpeReferencePoint(points: readonly Point[]): number[] {
  const worst = points[0].map((_, k) => Math.max(...points.map((p) => p[k])));
  return worst.map((w) => Math.max(1.1 * w, 0.9 * w) || MOTPE_EPS);
}

/**
 * Greedy hypervolume subset selection (Optuna 3.1 `_solve_hssp`, a 1 − 1/e
 * approximation): `size` of the points, each step taking the one whose
 * contribution to the hypervolume of those taken so far is largest (the
 * first on ties). Contributions are kept up to date by subtracting, for each
 * newly taken point s, what the box of max(s, v) adds to the earlier picks.
 * Returns positions into `points`, in the order taken.
 */
export function selectHypervolumeSubset(points: readonly Point[], size: number, reference: Point): number[] {
  const contributions = points.map((p) => hypervolume([p], reference));
  const taken = new Uint8Array(points.length);
  const selected: Point[] = [];
  const order: number[] = [];
  let selectedVolume = 0;
  while (order.length < size && order.length < points.length) {
    let best = -1;
    for (let j = 0; j < points.length; j++) if (!taken[j] && (best < 0 || contributions[j] > contributions[best])) best = j;
    taken[best] = 1;
    const s = points[best];
    for (let j = 0; j < points.length; j++) {
      if (taken[j]) continue;
      const overlap = s.map((v, k) => Math.max(v, points[j][k]));
      contributions[j] -= hypervolume([...selected, overlap], reference) - selectedVolume;
    }
    selected.push(s);
    order.push(best);
    selectedVolume = hypervolume(selected, reference);
  }
  return order;
}
