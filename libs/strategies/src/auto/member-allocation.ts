import { Rng } from '@attune/core/random/rng';
import type { MemberCredit } from './member-credit';

const ALLOCATION = 0xa770;

/**
 * Thompson sampling over members: for each of the `count` slots, draw a mean
 * reward from every member's credit (a normal matched to its Beta belief) and
 * give the slot to the highest draw. A batch is thus split in proportion to
 * each member's posterior chance of being the best, most slots to the leader.
 * The draws come from `Rng.derive(seed, firstTrialNumber, ...)`: the same
 * history and seed give the same allocation. Returns slots per member.
 */
export function allocateSlots(credit: readonly MemberCredit[], count: number, seed: number, firstTrialNumber: number): number[] {
  const slots = credit.map(() => 0);
  const rng = Rng.derive(seed, firstTrialNumber, ALLOCATION);
  for (let slot = 0; slot < count; slot++) {
    let best = 0;
    let bestDraw = -Infinity;
    for (let i = 0; i < credit.length; i++) {
      const draw = sampleMean(credit[i], rng);
      if (draw > bestDraw) {
        bestDraw = draw;
        best = i;
      }
    }
    slots[best]++;
  }
  return slots;
}

/** A draw of the mean of Beta(alpha, beta), by its normal approximation. */
function sampleMean({ alpha, beta }: MemberCredit, rng: Rng): number {
  const n = alpha + beta;
  const mean = alpha / n;
  const sd = Math.sqrt((alpha * beta) / (n * n * (n + 1)));
  return mean + sd * rng.normal();
}
