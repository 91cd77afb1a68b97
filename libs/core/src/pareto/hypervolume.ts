import { dominates } from './dominance';

type Point = readonly number[];

/**
 * Exact hypervolume (for minimisation) of the region dominated by `points` and
 * bounded by `reference`: a sweep in two dimensions, the WFG algorithm (While,
 * Bradstreet & Barone 2012) in more, which is quick for a few hundred points
 * in 3 or 4 objectives. Points not strictly better than the reference in every
 * objective add nothing.
 */
export function hypervolume(points: readonly Point[], reference: Point): number {
  const inside = points.filter((p) => p.length === reference.length && p.every((v, i) => v < reference[i]));
  return wfg(nonDominated(inside), reference);
}

/** Hypervolume of a non-dominated set. */
function wfg(points: readonly Point[], reference: Point): number {
  if (points.length === 0) return 0;
  if (reference.length <= 2) return sweep2d(points, reference);
  // Sorted by the first objective, each point's limit set holds only the points after it.
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  let volume = 0;
  for (let k = 0; k < sorted.length; k++) volume += exclusiveVolume(sorted, k, reference);
  return volume;
}

/** The part of the volume that point k adds to the points after it. */
function exclusiveVolume(sorted: readonly Point[], k: number, reference: Point): number {
  const point = sorted[k];
  const limited = sorted.slice(k + 1).map((q) => q.map((v, i) => Math.max(v, point[i])));
  return boxVolume(point, reference) - wfg(nonDominated(limited), reference);
}

function boxVolume(point: Point, reference: Point): number {
  return point.reduce((product, v, i) => product * (reference[i] - v), 1);
}

/** Area dominated in one or two dimensions: points by the first objective, each adding its strip below the last. */
function sweep2d(points: readonly Point[], reference: Point): number {
  if (reference.length === 1) return reference[0] - Math.min(...points.map((p) => p[0]));
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let area = 0;
  let ceiling = reference[1];
  for (const [x, y] of sorted) {
    if (y >= ceiling) continue;
    area += (reference[0] - x) * (ceiling - y);
    ceiling = y;
  }
  return area;
}

/** The points no other point dominates, duplicates kept once. */
function nonDominated(points: readonly Point[]): Point[] {
  const kept: Point[] = [];
  for (const p of points) {
    if (kept.some((q) => dominates(q, p) || sameVector(q, p))) continue;
    for (let i = kept.length - 1; i >= 0; i--) if (dominates(p, kept[i])) kept.splice(i, 1);
    kept.push(p);
  }
  return kept;
}

function sameVector(a: Point, b: Point): boolean {
  return a.every((v, i) => v === b[i]);
}
