/** Inserts `x` into an ascending array, keeping it sorted (binary search). */
export function insertSorted(sorted: number[], x: number): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, x);
}
