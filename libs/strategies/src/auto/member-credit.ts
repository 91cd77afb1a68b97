import type { TrialView } from '@attune/core/trial/trial-view';
import type { ArmStats } from '../bandit/ucb1';
import { insertSorted } from '../common/insert-sorted';

/** The member that proposed a trial, as auto records it in `meta.member`. */
export function memberOf(t: TrialView): string | undefined {
  const m = t.meta?.member;
  return typeof m === 'string' ? m : undefined;
}

/**
 * Discounted credit of each member (D-UCB, Garivier & Moulines 2011). A
 * trial's reward is the improvement it brought over the median of the results
 * before it, in units of the gap between that median and the best before it,
 * clipped to [0, 1]: 1 for a new best, 0 for a result no better than the
 * median. Older rewards weigh `discount^age`; failed trials earn 0; pending
 * ones count as pulls. Everything is a pure function of the history.
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
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (loss < best) return 1;
  const gap = median / 2 - best / 2;
  if (!(gap > 0)) return loss <= best ? 1 : 0;
  const r = (median / 2 - loss / 2) / gap;
  return Math.min(1, Math.max(0, r));
}
