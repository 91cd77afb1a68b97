import { MAX_METRIC_NAME_CHARS, MAX_METRICS } from '@attune/core/trial/metric-limits';
import { MAX_STEP } from '@attune/core/pruning/pruner-spec.schema';
import { z } from 'zod';

/** Most steps one job carries: a worker posts what accumulated while its previous post was in flight. */
export const MAX_STEPS_PER_JOB = 500;

/** Most steps stored of one trial; later ones are dropped (and the worker says so once in its log). */
export const MAX_STEPS_PER_TRIAL = 10_000;

export const trialStepSchema = z.strictObject({
  /** Where the evaluation is (an epoch, a second, a request count): a whole number, rising within a trial. */
  step: z.number().int().min(0).max(MAX_STEP),
  /** The intermediate values at that step; the study's objective metric is the one its pruner compares. */
  metrics: z
    .record(z.string().min(1).max(MAX_METRIC_NAME_CHARS), z.number().refine(Number.isFinite, 'must be a finite number'))
    .refine((m) => Object.keys(m).length >= 1 && Object.keys(m).length <= MAX_METRICS, `must hold 1 to ${MAX_METRICS} metrics`),
  /** When the target reported it. */
  at: z.string().datetime(),
});
export type TrialStep = z.infer<typeof trialStepSchema>;

/**
 * A worker's report of a running trial's intermediate values, posted to
 * STEPS_QUEUE while the evaluation runs (reported by the target through
 * `report(step, metrics)` or a JSON line with a `step` field). Only the
 * first counted measurement of a trial reports steps: warm-ups and later
 * repeats re-measure a configuration whose pruning was already decided.
 * Durable like results, at least once; ingestion is idempotent per
 * (trial, step).
 */
export const trialStepsJobSchema = z.strictObject({
  studyId: z.string().uuid(),
  trialId: z.string().uuid(),
  target: z.string().min(1),
  workerId: z.string().min(1),
  /** In the order reported, steps strictly rising. */
  steps: z
    .array(trialStepSchema)
    .min(1)
    .max(MAX_STEPS_PER_JOB)
    .refine((s) => s.every((x, i) => i === 0 || x.step > s[i - 1]!.step), 'steps must be strictly rising'),
});
export type TrialStepsJob = z.infer<typeof trialStepsJobSchema>;
