import type { NormalizedObjectives } from '../objective/normalize-objectives';
import type { Params } from '../search-space/parameter';
import { verificationArms, type CandidateTrial } from './verification-candidates';
import { verificationSchedule } from './verification-schedule';

/** Why a study cannot be verified. */
export interface VerificationPlanProblem {
  readonly problem: string;
}

/** Every measurement of a verification, in the order to take them: the trial each re-measures. */
export interface VerificationPlan<T> {
  readonly candidates: readonly T[];
  readonly baseline: T;
  readonly order: readonly T[];
}

/**
 * What to re-measure and in which order: the study's `top` candidates
 * (`verificationArms`) and its baseline, `repeats` times each, interleaved
 * by the seeded `verificationSchedule`. Needs a measured baseline and at
 * least one candidate. `ranking` orders one objective's candidates by a
 * model (see `verificationArms`).
 */
export function planVerification<T extends CandidateTrial & { readonly params: Readonly<Params> }>(
  objectives: NormalizedObjectives,
  trials: readonly T[],
  options: { readonly repeats: number; readonly top: number; readonly seed: number; readonly ranking?: readonly number[] },
): VerificationPlan<T> | VerificationPlanProblem {
  const { candidates, baseline } = verificationArms(objectives, trials, options.top, options.ranking);
  if (!baseline) return { problem: objectives.baseline ? 'its baseline was not measured (COMPLETE)' : 'it has no baseline to compare with: give `baseline` in the spec' };
  if (candidates.length === 0) return { problem: 'it has no feasible COMPLETE trial besides the baseline' };
  const byNumber = new Map(candidates.map((c) => [c.number, c]));
  const order = verificationSchedule([...byNumber.keys()], options.repeats, options.seed).map((step) => (step.arm === 'baseline' ? baseline : byNumber.get(step.arm)!));
  return { candidates, baseline, order };
}
