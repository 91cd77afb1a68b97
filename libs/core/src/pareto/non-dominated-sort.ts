import { constrainedDominates, type ParetoPoint } from './dominance';

/**
 * Fast non-dominated sorting (Deb et al. 2002) under constraint domination:
 * the indices of `points` by front, front 0 first (dominated by no other
 * point), each front in ascending index order. O(M·N²).
 */
export function nonDominatedSort(points: readonly ParetoPoint[]): number[][] {
  const n = points.length;
  const dominatedBy = new Array<number>(n).fill(0);
  const dominating: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (constrainedDominates(points[i], points[j])) {
        dominating[i].push(j);
        dominatedBy[j]++;
      } else if (constrainedDominates(points[j], points[i])) {
        dominating[j].push(i);
        dominatedBy[i]++;
      }
    }
  }
  const fronts: number[][] = [];
  let front = dominatedBy.flatMap((count, i) => (count === 0 ? [i] : []));
  while (front.length > 0) {
    fronts.push(front);
    const next: number[] = [];
    for (const i of front) {
      for (const j of dominating[i]) if (--dominatedBy[j] === 0) next.push(j);
    }
    front = next.sort((a, b) => a - b);
  }
  return fronts;
}
