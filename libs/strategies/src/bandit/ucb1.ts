/** What UCB1 knows of one arm: finished pulls and their summed reward, and pulls still pending. */
export interface ArmStats {
  finished: number;
  rewardSum: number;
  pending: number;
}

/**
 * UCB1 (Auer et al. 2002): an arm never pulled first (lowest index), else the
 * highest mean + c·√(ln N / n). Pending pulls count in n and N, so a batch
 * spreads over arms; an arm with only pending pulls is scored at `priorMean`.
 */
export function ucb1Choose(stats: readonly ArmStats[], exploration: number, priorMean: number): number {
  const total = stats.reduce((n, s) => n + s.finished + s.pending, 0);
  let best = -1;
  let bestScore = -Infinity;
  for (let i = 0; i < stats.length; i++) {
    const s = stats[i];
    const pulls = s.finished + s.pending;
    if (pulls === 0) return i;
    const mean = s.finished > 0 ? s.rewardSum / s.finished : priorMean;
    const score = mean + exploration * Math.sqrt(Math.log(Math.max(total, 1)) / pulls);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/** Min-max normalised rewards in [0, 1] (lower loss, higher reward); 0.5 each when all losses are equal. */
export function lossesToRewards(losses: readonly number[]): number[] {
  if (losses.length === 0) return [];
  // Halved so that the range of ±1e308 losses does not overflow.
  const half = losses.map((l) => l / 2);
  const lo = half.reduce((a, b) => Math.min(a, b), Infinity);
  const hi = half.reduce((a, b) => Math.max(a, b), -Infinity);
  if (!(hi > lo)) return losses.map(() => 0.5);
  return half.map((l) => (hi - l) / (hi - lo));
}
