import type { TrialView } from '@attune/core/trial/trial-view';
import type { ArmStats } from '../bandit/ucb1';
import { insertSorted } from '../common/insert-sorted';

/** The member that proposed a trial, as auto records it in `meta.member`. */
export function memberOf(t: TrialView): string | undefined {
  const m = t.meta?.member;
  return typeof m === 'string' ? m : undefined;
}

/**
 * Where the reward starts: results no better than this quantile of the earlier
 * ones earn nothing. A low bar (the median) credits local moves near good
 * points as much as real progress; the top decile rewards what moves the best.
 */
export const REWARD_QUANTILE = 0.1;

/**
 * Discounted credit of each member (D-UCB, Garivier & Moulines 2011). A
 * trial's reward is the improvement it brought over the REWARD_QUANTILE of
 * the results before it, in units of the gap between that quantile and the
 * best before it, clipped to [0, 1]: 1 for a new best, 0 for a result outside
 * the top decile. Older rewards weigh `discount^age`; failed trials earn 0;
 * pending ones count as pulls. Everything is a pure function of the history.
 */
export function memberCredit(members: readonly string[], trials: readonly TrialView[], discount: number): ArmStats[] {
  const stats = members.map((): ArmStats => ({ finished: 0, rewardSum: 0, pending: 0 }));
  const index = new Map(members.map((m, i) => [m, i]));
  const last = trials.length;
  const seen: number[] = [];
  for (const t of trials) {
    const done = t.state === 'COMPLETE' && t.loss !== undefined && Number.isFinite(t.loss);
    const reward = done ? improvement(seen, t.loss as number) : 0;
    if (done) insertSorted(seen, t.loss as number);
    const i = index.get(memberOf(t) ?? '');
    if (i === undefined) continue;
    if (t.state === 'QUEUED' || t.state === 'RUNNING') {
      stats[i].pending++;
      continue;
    }
    const weight = discount ** (last - t.number);
    stats[i].finished += weight;
    stats[i].rewardSum += weight * reward;
  }
  return stats;
}

function improvement(sorted: readonly number[], loss: number): number {
  if (sorted.length === 0) return 0.5;
  const best = sorted[0];
  const bar = sorted[Math.floor((sorted.length - 1) * REWARD_QUANTILE)];
  if (loss < best) return 1;
  // Halved so that the gap between ±1e308 losses does not overflow.
  const gap = bar / 2 - best / 2;
  if (!(gap > 0)) return loss <= best ? 1 : 0;
  const r = (bar / 2 - loss / 2) / gap;
  return Math.min(1, Math.max(0, r));
}
