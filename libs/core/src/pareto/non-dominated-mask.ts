import { dominates } from './dominance';

/** Ascending lexicographic order of two vectors. */
function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k] - b[k];
  return a.length - b.length;
}

/**
 * Which vectors no other dominates (minimisation), by position. Sorted
 * lexicographically first, a vector can only be dominated by one before it,
 * and then by one already on the front (dominance is transitive), so each is
 * checked against the front found so far: O(N·F) rather than O(N²), which
 * keeps a study of 10,000 trials fast. Equal vectors are all kept.
 */
export function nonDominatedMask(losses: readonly (readonly number[])[]): boolean[] {
  const order = losses.map((_, i) => i).sort((a, b) => lexicographic(losses[a], losses[b]));
  const front: number[] = [];
  const mask = new Array<boolean>(losses.length).fill(false);
  for (const i of order) {
    if (front.some((f) => dominates(losses[f], losses[i]))) continue;
    front.push(i);
    mask[i] = true;
  }
  return mask;
}
