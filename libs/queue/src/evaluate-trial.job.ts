import { z } from 'zod';

/**
 * Payload of an evaluation job. The job id is the trial id (see `jobIdForTrial`),
 * so BullMQ itself refuses a second job for the same trial.
 */
export const evaluateTrialJobSchema = z.strictObject({
  studyId: z.string().uuid(),
  trialId: z.string().uuid(),
  trialNumber: z.number().int().min(0),
  target: z.string().min(1),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  /** The metric the study optimises; the worker checks it is present and numeric. */
  metric: z.string().min(1),
  /** Seconds after which the worker kills the evaluation and reports TIMED_OUT. */
  timeoutSec: z.number().positive(),
});
export type EvaluateTrialJob = z.infer<typeof evaluateTrialJobSchema>;

