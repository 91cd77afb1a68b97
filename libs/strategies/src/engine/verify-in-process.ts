import type { Measurement } from '@attune/core/objective/objective-spec.schema';
import type { NormalizedObjectives } from '@attune/core/objective/normalize-objectives';
import type { StoredScore } from '@attune/core/objective/stored-score';
import type { ScoredTrial } from '@attune/core/objective/trial-view-of';
import { planVerification } from '@attune/core/verification/plan-verification';
import { verificationReport, type TakenMeasurement, type VerificationReport } from '@attune/core/verification/verification-report';
import type { VerificationOptions } from '@attune/core/verification/verification-options.schema';
import { measureTrial, type Evaluate } from './measure-trial';

/** A trial as the engine keeps it (`InProcessTrial`): its score holds its feasibility. */
export type VerifiableTrial = ScoredTrial & { readonly origin?: string; readonly score?: StoredScore & { readonly feasible: boolean; readonly violation: number } };

/** What verification needs to know: how many candidates, how many measurements of each, and the seed of the order. */
export type InProcessVerificationOptions = VerificationOptions & { readonly seed: number; readonly ranking?: readonly number[] };

/**
 * Verifies an in-process study's winner as the coordinator does
 * (`VerificationRunner`): `planVerification` picks the top candidates and
 * the baseline and orders their re-measurements (seeded, interleaved), each
 * re-measurement is one measurement after the study's warm-ups, and
 * `verificationReport` judges them. A failed re-measurement counts for
 * nothing but the report's `failed`. `{problem}` when the study cannot be
 * verified (no baseline measured, no candidate) or the baseline completed
 * fewer than two re-measurements.
 */
export async function verifyInProcess(
  objectives: NormalizedObjectives,
  trials: readonly VerifiableTrial[],
  evaluate: Evaluate,
  options: InProcessVerificationOptions,
): Promise<VerificationReport> {
  const plan = planVerification(objectives, trials.map(asCandidate), options);
  if ('problem' in plan) return plan;
  const taken: TakenMeasurement[] = [];
  for (const [seq, trial] of plan.order.entries()) taken.push({ seq, trialNumber: trial.number, ...(await remeasure(evaluate, trial.params, objectives.measurement)) });
  const planned = plan.order.map((t) => ({ trialNumber: t.number, params: t.params }));
  return verificationReport(objectives, planned, taken, plan.baseline.number);
}

/** An in-process trial as verification ranks trials: its feasibility and violation beside its score, as a stored trial has them. */
function asCandidate(t: VerifiableTrial) {
  return { ...t, ...(t.score && { feasible: t.score.feasible, violation: t.score.violation }) };
}

/** One re-measurement: the study's warm-ups, then one counted measurement (what a worker's verification job does). */
async function remeasure(evaluate: Evaluate, params: VerifiableTrial['params'], measurement: Pick<Measurement, 'warmup'>): Promise<Pick<TakenMeasurement, 'state' | 'metrics'>> {
  const measured = await measureTrial(evaluate, params, { repeats: 1, warmup: measurement.warmup });
  if ('error' in measured) return { state: 'FAILED' };
  return { state: 'COMPLETE', metrics: measured.measurements.at(-1)!.metrics };
}
