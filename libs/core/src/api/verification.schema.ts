import { z } from 'zod';
import { VERIFICATION_STATES } from '../verification/verification-state';
import { countSchema, dateTimeSchema, integerSchema, metricsSchema, paramsSchema, spreadSchema, trialNumberSchema, uuidSchema } from './response-primitives';
import { scoreSchema } from './score.schema';

/**
 * A verification as GET /studies/:id/verification shows it. The report is
 * `verificationReport`'s verdict as stored (JSON): numbers the data cannot
 * bound (infinite interval ends, an estimate of nothing) are null.
 */

/** An improvement over the baseline with its 95% interval (fractions; null ends: unbounded). */
export const improvementJsonSchema = z
  .strictObject({ estimate: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() })
  .meta({ description: 'the relative improvement over the baseline, positive is better, with its 95% interval; null where the data cannot bound it' });
export type ImprovementJson = z.output<typeof improvementJsonSchema>;

/** How one re-measured candidate compares with the re-measured baseline, for one metric or for the score. */
export const comparisonJsonSchema = z.strictObject({
  improvement: improvementJsonSchema,
  welch: z.strictObject({ t: z.number().nullable().meta({ description: 'null (infinite) when both samples are constant and differ' }), df: z.number(), p: z.number() }),
  rank: z.strictObject({ u: z.number(), p: z.number(), method: z.enum(['exact', 'asymptotic']) }).meta({ description: 'the Mann–Whitney U test' }),
  test: z.enum(['welch', 'rank']).meta({ description: "the test reported: the rank test when either sample is far from normal, else Welch's t-test" }),
  p: z.number().meta({ description: 'the p-value of the test reported' }),
  significant: z.boolean().meta({ description: 'the interval lies above 0 and p < 0.05' }),
  count: z.strictObject({ candidate: countSchema, baseline: countSchema }),
  note: z.string().optional().meta({ description: 'why the rank test was used, or why the improvement is unbounded' }),
});
export type ComparisonJson = z.output<typeof comparisonJsonSchema>;

/** What verification found about one candidate. */
const candidateVerdictSchema = z.strictObject({
  trial: trialNumberSchema,
  score: scoreSchema.optional().meta({ description: "its re-measurements scored against the baseline's re-measured metrics; absent when they cannot be (`reason`)" }),
  reason: z.string().optional(),
  perMetric: z.record(z.string(), comparisonJsonSchema).meta({ description: "per objective metric, against the baseline's re-measurements" }),
  comparison: comparisonJsonSchema.optional().meta({ description: 'the whole objective (its metric, or the composite score); absent for several objectives' }),
  significant: z.boolean(),
});

export const verificationReportSchema = z
  .strictObject({
    baseline: z
      .strictObject({ metrics: metricsSchema, spread: z.record(z.string(), spreadSchema) })
      .meta({ description: "the baseline's re-measured metrics and their spread: what the candidates were scored against" }),
    candidates: z.array(candidateVerdictSchema),
    winner: trialNumberSchema.optional().meta({ description: 'the trial with the best re-measured loss among the feasible candidates; absent for several objectives, or when none could be scored (`reason`)' }),
    front: z.array(trialNumberSchema).optional().meta({ description: 'several objectives: the candidates still non-dominated once re-measured' }),
    significant: z.boolean().meta({ description: 'the winner (several objectives: some front member) is significantly better than the baseline' }),
    reason: z.string().optional(),
    baselineTrial: trialNumberSchema,
    winnerParams: paramsSchema.optional(),
    measured: countSchema.meta({ description: 're-measurements that completed' }),
    failed: countSchema,
  })
  .meta({
    description:
      'the verdict: winner (trial number, picked by its re-measurements), significant, per candidate the comparison of the score and of each metric with the baseline (improvement {estimate, low, high} as a fraction, positive is better, 95% interval; p of the test used, welch or rank), the Pareto front for several objectives',
  });
export type VerificationReportJson = z.output<typeof verificationReportSchema>;

/** One re-measurement taken. */
const verificationMeasurementSchema = z.strictObject({
  seq: countSchema,
  trialNumber: trialNumberSchema,
  state: z.enum(['COMPLETE', 'FAILED', 'TIMED_OUT']),
  metrics: metricsSchema.optional(),
  error: z.string().optional(),
  durationMs: z.number().optional(),
  workerId: z.string().optional(),
});

/** GET /studies/:id/verification (and what POST /studies/:id/verify answers). */
export const verificationJsonSchema = z.strictObject({
  id: uuidSchema,
  studyId: uuidSchema,
  state: z.enum(VERIFICATION_STATES),
  options: z.strictObject({
    repeats: integerSchema,
    top: integerSchema,
    seed: integerSchema,
    candidatesBy: z
      .enum(['posterior-mean', 'measured'])
      .optional()
      .meta({
        description:
          "how the candidates were chosen: with one objective, the best by a GP's posterior mean over the study's trials (it discounts lucky measurements); else the best measured. Absent on verifications stored before it was recorded (measured)",
      }),
  }),
  progress: z.strictObject({ taken: countSchema, total: countSchema }),
  candidates: z.array(trialNumberSchema).meta({ description: 'trial numbers re-measured, the baseline among them' }),
  measurements: z.array(verificationMeasurementSchema),
  report: verificationReportSchema.optional(),
  error: z.string().optional(),
  createdAt: dateTimeSchema,
  endedAt: dateTimeSchema.optional(),
});
export type VerificationJson = z.output<typeof verificationJsonSchema>;
