import { Rng } from '../random/rng';

/** What one verification measurement measures: the baseline, or a candidate by its trial number. */
export type VerificationArm = 'baseline' | number;

/** One measurement of the schedule: its arm and the round it belongs to (0-based). */
export interface VerificationStep {
  readonly arm: VerificationArm;
  readonly round: number;
}

/** Mixed into the seed so that the schedule's stream is its own. */
const SCHEDULE_PURPOSE = 0x5e4f;

/**
 * The order in which verification measures the baseline and the candidates,
 * `repeats` times each: `repeats` rounds, each measuring every arm once in
 * an order shuffled anew, so that a drift of the system (a warming cache, a
 * noisy neighbour arriving) lands on every arm alike instead of on whichever
 * is measured last, and no arm is ever more than one round ahead of another.
 * Deterministic in `seed`; round r depends only on (seed, r), so asking for
 * more repeats later extends a schedule without changing its start.
 * Duplicate candidates are measured once.
 */
export function verificationSchedule(candidates: readonly number[], repeats: number, seed: number): VerificationStep[] {
  const arms: VerificationArm[] = ['baseline', ...new Set(candidates)];
  const steps: VerificationStep[] = [];
  for (let round = 0; round < repeats; round++) {
    for (const arm of Rng.derive(seed, SCHEDULE_PURPOSE, round).shuffle(arms)) steps.push({ arm, round });
  }
  return steps;
}
