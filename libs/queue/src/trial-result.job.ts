import { MAX_METRIC_NAME_CHARS, MAX_METRICS, MAX_NOTE_CHARS } from '@attune/core/trial/metric-limits';
import { z } from 'zod';
import { verificationTagSchema } from './evaluate-trial.job';

/** How an evaluation ended, as the worker saw it. */
export const EVALUATION_OUTCOMES = ['COMPLETE', 'FAILED', 'TIMED_OUT'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

/**
 * A worker's report of one evaluation, posted to RESULTS_QUEUE with job id =
 * trial id. It reaches the coordinator at least once, even if the coordinator
 * was down when it was posted; ingestion is idempotent.
 */
export const trialResultJobSchema = z.strictObject({
  studyId: z.string().uuid(),
  trialId: z.string().uuid(),
  outcome: z.enum(EVALUATION_OUTCOMES),
  /** The numeric metrics the evaluation reported (COMPLETE only), at most MAX_METRICS. */
  metrics: z
    .record(z.string().max(MAX_METRIC_NAME_CHARS), z.number())
    .refine((m) => Object.keys(m).length <= MAX_METRICS, `must hold at most ${MAX_METRICS} metrics`)
    .optional(),
  /**
   * Every measurement taken, warm-ups first (COMPLETE only; absent from
   * older workers, whose `metrics` are then the one measurement). `metrics`
   * above is the last one's.
   */
  measurements: z
    .array(
      z.strictObject({
        repeat: z.number().int().min(0),
        warmup: z.boolean(),
        metrics: z.record(z.string().max(MAX_METRIC_NAME_CHARS), z.number()),
        durationMs: z.number().min(0),
        startedAt: z.string().datetime(),
      }),
    )
    .max(60)
    .optional(),
  /** What was dropped from the reported metrics and why (COMPLETE only; see checkMetrics). */
  note: z.string().max(MAX_NOTE_CHARS).optional(),
  /** Why the evaluation failed or timed out, in words a user can act on. */
  error: z.string().max(4000).optional(),
  /** The job's verification tag, handed back: this result is a verification's re-measurement, not a trial's. */
  verification: verificationTagSchema.optional(),
  workerId: z.string().min(1),
  startedAt: z.string().datetime(),
  finishedAt: z.string().datetime(),
});
export type TrialResultJob = z.infer<typeof trialResultJobSchema>;

