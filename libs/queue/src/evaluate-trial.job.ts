import { z } from 'zod';

/** Which verification, and which measurement of its plan, a job or a result belongs to. */
export const verificationTagSchema = z.strictObject({ id: z.uuid(), seq: z.number().int().min(0) });
export type VerificationTag = z.infer<typeof verificationTagSchema>;

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
  /** The metric the study optimises (the first of `required`); the worker checks it is present and numeric. */
  metric: z.string().min(1),
  /** Every metric the study needs (objectives, then constraints), each checked like `metric`; absent from older coordinators' jobs. */
  required: z.array(z.string().min(1)).max(50).optional(),
  /**
   * Measurements to take in a row: `warmup` uncounted ones, then `repeats`;
   * each gets the whole `timeoutSec`. Absent: one measurement.
   */
  measurement: z.strictObject({ repeats: z.number().int().min(1).max(50), warmup: z.number().int().min(0).max(10) }).optional(),
  /**
   * Set on a verification's re-measurement: `trialId` is then the
   * measurement's own id (its job's and its result's), `trialNumber` the
   * trial re-measured; the worker hands it back on the result.
   */
  verification: verificationTagSchema.optional(),
  /** Seconds after which the worker kills the evaluation and reports TIMED_OUT. */
  timeoutSec: z.number().positive(),
});
export type EvaluateTrialJob = z.infer<typeof evaluateTrialJobSchema>;

