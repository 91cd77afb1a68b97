import type { NormalizedObjectives } from '../objective/normalize-objectives';
import type { TrialView } from '../trial/trial-view';
import type { ConvergenceRule } from './convergence-spec.schema';

/** A trial as the convergence rules see it: its view, and its improvement over the baseline as it was scored. */
export interface ConvergenceTrial extends TrialView {
  /**
   * The objective's improvement over the baseline (`score.improvement.score`:
   * 0.25 is 25% better), on COMPLETE trials scored against a baseline; absent
   * otherwise. Read, never recomputed: scoring has one home (`scoreTrial`).
   */
  readonly improvement?: number;
}

/** What every convergence rule is a pure function of (with its own options). */
export interface ConvergenceContext {
  readonly objectives: NormalizedObjectives;
  /** Every trial of the study, ordered by number (pending and failed ones included; the rules read the COMPLETE ones). */
  readonly trials: readonly ConvergenceTrial[];
  /** When the study started, in milliseconds since the epoch. */
  readonly startedAt: number;
  /** The time of the evaluation, in milliseconds since the epoch (passed in: the rules read no clock). */
  readonly now: number;
}

/** Go on, or stop with the rule that decided it and a reason a user reads. */
export type ConvergenceVerdict =
  | { readonly stop: false }
  | { readonly stop: true; readonly rule: ConvergenceRule; readonly reason: string };

export const GO_ON: ConvergenceVerdict = Object.freeze({ stop: false });

export function stopBy(rule: ConvergenceRule, reason: string): ConvergenceVerdict {
  return { stop: true, rule, reason };
}
