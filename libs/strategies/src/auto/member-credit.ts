import type { TrialView } from '@attune/core/trial/trial-view';
import { insertSorted } from '../common/insert-sorted';
import type { MemberPrior } from './auto-members';

/** The member that proposed a trial, as auto records it in `meta.member`. */
export function memberOf(t: TrialView): string | undefined {
  const m = t.meta?.member;
  return typeof m === 'string' ? m : undefined;
}

/**
 * Results ranked below this fraction of the earlier ones earn nothing: a
 * result counts as progress when it lands near the top of the history.
 */
export const REWARD_QUANTILE = 0.25;

/**
 * Results judged against fewer earlier ones earn no credit: a rank among a
 * handful says little, and those trials are mostly initial designs.
 */
export const CREDIT_WARMUP = 5;

/** A member's discounted credit, a Beta(alpha, beta) belief about its mean reward. */
export interface MemberCredit {
  alpha: number;
  beta: number;
}

/**
 * Discounted credit of each member. A trial's reward depends only on ranks
 * (scale-free): 1 for a new best, falling linearly with its rank among the
 * earlier results to 0 at the REWARD_QUANTILE, 0 below; a failed or PRUNED
 * trial earns 0 (a pruned proposal was a poor one, by the pruner's verdict). Results judged against fewer than CREDIT_WARMUP earlier ones
 * earn no credit. Rewards of age a (in trials) weigh `discount^a` and add to the Beta
 * counts on top of the member's prior. Pending trials earn nothing yet. A
 * pure function of the history.
 */
export function memberCredit(members: readonly { name: string; prior: MemberPrior }[], trials: readonly TrialView[], discount: number): MemberCredit[] {
  const credit = members.map((m): MemberCredit => ({ alpha: m.prior.mean * m.prior.weight, beta: (1 - m.prior.mean) * m.prior.weight }));
  const index = new Map(members.map((m, i) => [m.name, i]));
  const last = trials.length;
  const seen: number[] = [];
  for (const t of trials) {
    if (t.state === 'QUEUED' || t.state === 'RUNNING') continue;
    const done = t.state === 'COMPLETE' && t.loss !== undefined && Number.isFinite(t.loss);
    const reward = done ? rankReward(seen, t.loss as number) : 0;
    if (done) insertSorted(seen, t.loss as number);
    const i = index.get(memberOf(t) ?? '');
    if (i === undefined || (done && seen.length <= CREDIT_WARMUP)) continue;
    const weight = discount ** (last - t.number);
    credit[i].alpha += weight * reward;
    credit[i].beta += weight * (1 - reward);
  }
  return credit;
}

/** 1 for a new best, down to 0 at the REWARD_QUANTILE rank of the earlier (sorted) losses. */
export function rankReward(sorted: readonly number[], loss: number): number {
  if (sorted.length === 0) return 0.5;
  let better = 0;
  let hi = sorted.length;
  while (better < hi) {
    const mid = (better + hi) >> 1;
    if (sorted[mid] < loss) better = mid + 1;
    else hi = mid;
  }
  if (better === 0) return loss < sorted[0] ? 1 : 1 - 0.5 / Math.max(1, REWARD_QUANTILE * sorted.length);
  return Math.max(0, 1 - better / Math.max(1, REWARD_QUANTILE * sorted.length));
}
