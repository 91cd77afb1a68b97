import type { RepeatMeasurement } from '../objective/aggregate-repeats';
import type { NormalizedObjectives } from '../objective/normalize-objectives';
import type { Params } from '../search-space/parameter';
import { verificationVerdict, type VerificationVerdict } from './verification-verdict';

/** A re-measurement as stored: which trial it re-measured, and its metrics when it completed. */
export interface TakenMeasurement {
  readonly seq: number;
  readonly trialNumber: number;
  readonly state: string;
  readonly metrics?: Readonly<Record<string, number>>;
}

/** The verdict with what a reader needs beside it: the winner's params, the counts taken and failed. */
export type VerificationReport =
  | (VerificationVerdict & {
      readonly baselineTrial: number;
      readonly winnerParams?: Readonly<Params>;
      readonly measured: number;
      readonly failed: number;
    })
  | { readonly problem: string };

/**
 * Judges a finished verification from its stored re-measurements (see
 * `verificationVerdict`): the baseline's are those of the plan's baseline
 * trial, each candidate's its own; a failed re-measurement counts for
 * nothing but the `failed` count. A problem when the baseline has fewer
 * than two completed re-measurements (nothing to compare with).
 */
export function verificationReport(
  objectives: NormalizedObjectives,
  plan: readonly { readonly trialNumber: number; readonly params: Readonly<Params> }[],
  taken: readonly TakenMeasurement[],
  baselineTrial: number,
): VerificationReport {
  const complete = taken.filter((m) => m.state === 'COMPLETE' && m.metrics);
  const repeatsOf = (n: number): RepeatMeasurement[] => complete.filter((m) => m.trialNumber === n).map((m) => ({ metrics: m.metrics! }));
  const baseline = repeatsOf(baselineTrial);
  if (baseline.length < 2) return { problem: `the baseline (trial ${baselineTrial}) completed ${baseline.length} of its re-measurements: at least 2 are needed to compare with` };
  const candidates = [...new Set(plan.map((p) => p.trialNumber))].filter((n) => n !== baselineTrial).map((trial) => ({ trial, repeats: repeatsOf(trial) }));
  const verdict = verificationVerdict(objectives, baseline, candidates);
  const winnerParams = verdict.winner !== undefined ? plan.find((p) => p.trialNumber === verdict.winner)?.params : undefined;
  return { ...verdict, baselineTrial, ...(winnerParams && { winnerParams }), measured: complete.length, failed: taken.length - complete.length };
}
