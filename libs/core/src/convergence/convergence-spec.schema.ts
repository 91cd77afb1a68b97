import { z } from 'zod';
import { boundedInteger, got } from '../spec/primitive-schemas';

/**
 * `convergence`: the rules that stop a study before its trial budget is spent
 * (each an evaluator, see `evaluate-convergence.ts`). Shapes and bounds are
 * declared here; the rules across fields (a target improvement needs a
 * baseline, `minDelta` needs `patience`, which rules a Pareto study may use)
 * live in `convergence-spec.rules.ts`. The field is optional: specs stored
 * before it existed have none and stop at their trial budget, as they did.
 */

/** Longest wall-clock budget: a year. */
export const MAX_DURATION_SEC = 365 * 24 * 3600;
/** Optuna's terminator starts at 20 completed trials (`DEFAULT_MIN_N_TRIALS`). */
export const DEFAULT_REGRET_MIN_TRIALS = 20;
/** Optuna's terminator fits its GP on the better half of the trials (`DEFAULT_TOP_TRIALS_RATIO`). */
export const DEFAULT_TOP_TRIALS_RATIO = 0.5;
/** Completed trials before patience and the improvement variance may stop a study. */
export const DEFAULT_MIN_TRIALS = 10;

const positive = z.number().gt(0, got('must be above 0'));

export const improvementVarianceSchema = z.strictObject({
  /** How many of the latest completed trials the best-so-far is looked at over. */
  window: boundedInteger(2, 100_000),
  /** Stop when the variance of the best-so-far loss over the window is below this (the loss's units, squared). */
  threshold: positive,
});

export const regretBoundOptionsSchema = z.strictObject({
  /** Completed trials before the GP is asked. @default 20 (Optuna's) */
  minTrials: boundedInteger(2, 100_000).default(DEFAULT_REGRET_MIN_TRIALS),
  /** Share of the completed trials, the best first, the GP is fitted on (at least `minTrials` of them). @default 0.5 (Optuna's) */
  topTrialsRatio: z.number().gt(0, got('must be above 0')).max(1, got('must be at most 1')).default(DEFAULT_TOP_TRIALS_RATIO),
});

export const convergenceFieldSchema = z.strictObject({
  /** Stop once the study has run this many seconds since it started. */
  maxDurationSec: positive.max(MAX_DURATION_SEC, got(`must be at most ${MAX_DURATION_SEC} (a year)`)).optional(),
  /**
   * Stop once a feasible trial improves on the baseline by this fraction
   * (0.2: 20% better); needs a baseline. The study's verification confirms it.
   */
  targetImprovement: positive.max(1e6, got('must be at most 1000000')).optional(),
  /** Stop when the best loss has not improved by more than `minDelta` in this many completed trials. */
  patience: boundedInteger(1, 100_000).optional(),
  /** How much better than the best a trial must be to count as an improvement, in the loss's units. @default 0 */
  minDelta: z.number().min(0, got('must be 0 or more')).refine(Number.isFinite, 'must be a finite number').optional(),
  /** Stop when the best-so-far loss has barely moved over the latest trials. */
  improvementVariance: improvementVarianceSchema.optional(),
  /**
   * Stop when a GP's bound on the regret left is below the measurement noise
   * (Optuna's terminator): `true` for Optuna's settings, or some of them.
   */
  regretBound: z
    .union([z.literal(true), regretBoundOptionsSchema], { error: 'must be true (Optuna\'s settings) or {minTrials?, topTrialsRatio?}' })
    .transform((v) => (v === true ? regretBoundOptionsSchema.parse({}) : v))
    .optional(),
  /** Completed trials before patience and the improvement variance may stop a study. @default 10 */
  minTrials: boundedInteger(1, 100_000).default(DEFAULT_MIN_TRIALS),
});

/** The rules as parsed: defaults inside applied, rules not given absent. */
export type ConvergenceOptions = z.output<typeof convergenceFieldSchema>;
export type RegretBoundOptions = z.output<typeof regretBoundOptionsSchema>;
export type ImprovementVarianceOptions = z.output<typeof improvementVarianceSchema>;

/** The names of the rules, as a configured spec gives them and a stop reports them. */
export const CONVERGENCE_RULES = ['max-duration', 'target-improvement', 'patience', 'improvement-variance', 'regret-bound'] as const;
export type ConvergenceRule = (typeof CONVERGENCE_RULES)[number];
