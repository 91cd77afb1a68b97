/**
 * Crowding distance of each point of one front (Deb et al. 2002, as Optuna
 * computes it): per objective, the gap between a point's two neighbours in
 * sorted order divided by the objective's range, summed over objectives. The
 * first and last point of each objective get Infinity; an objective on which
 * every point is equal adds nothing. Ties keep index order.
 */
export function crowdingDistance(losses: readonly (readonly number[])[]): number[] {
  const n = losses.length;
  const distance = new Array<number>(n).fill(0);
  if (n === 0) return distance;
  for (let m = 0; m < losses[0].length; m++) {
    const order = [...losses.keys()].sort((a, b) => losses[a][m] - losses[b][m] || a - b);
    const lo = losses[order[0]][m];
    const hi = losses[order[n - 1]][m];
    if (!(hi > lo)) continue;
    // Scaled by the largest magnitude first, so that a range like ±1e308 cannot overflow.
    const scale = Math.max(Math.abs(lo), Math.abs(hi));
    const width = hi / scale - lo / scale;
    distance[order[0]] = Infinity;
    distance[order[n - 1]] = Infinity;
    for (let k = 1; k < n - 1; k++) {
      distance[order[k]] += (losses[order[k + 1]][m] / scale - losses[order[k - 1]][m] / scale) / width;
    }
  }
  return distance;
}
