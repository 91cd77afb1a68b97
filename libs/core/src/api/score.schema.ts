import { z } from 'zod';
import { improvementSchema, metricsSchema, spreadSchema } from './response-primitives';

/** One broken bound of a constraint (see `checkConstraints`). */
const violationSchema = z.strictObject({
  metric: z.string(),
  bound: z.enum(['min', 'max']),
  limit: z.number(),
  value: z.number(),
  excess: z.number().meta({ description: 'how far past the limit, relative to it; above 0' }),
});

/** What a trial's measurements amount to (`TrialScore`): a verification scores each candidate's re-measurements so. */
export const scoreSchema = z.strictObject({
  value: z.number().optional().meta({ description: 'the objective (the metric, or the composite score); absent for several objectives' }),
  loss: z.number().optional().meta({ description: '`value` oriented so that lower is better; absent for several objectives' }),
  losses: z.array(z.number()).meta({ description: "each objective's loss (lower is better), several objectives" }).optional(),
  metrics: metricsSchema.meta({ description: 'every reported metric, aggregated over the counted repeats' }),
  spread: z.record(z.string(), spreadSchema).meta({ description: 'per metric, the standard deviation and count of the counted repeats' }),
  noise: spreadSchema.meta({ description: "the loss's spread over single repeats; absent for several objectives" }).optional(),
  feasible: z.boolean(),
  violation: z.number().meta({ description: 'total relative excess over the constraints; 0 when feasible' }),
  violations: z.array(violationSchema),
  constraints: z.array(z.number()).meta({ description: "each constraint's signed slack: <= 0 kept, > 0 relative excess" }),
  improvement: improvementSchema.optional(),
});

/** What a COMPLETE trial keeps of its score beside its value, metrics and feasibility (`StoredScore`). */
export const trialScoreSchema = scoreSchema
  .pick({ losses: true, constraints: true, violations: true, spread: true, noise: true, improvement: true })
  .partial()
  .meta({ description: "the rest of a COMPLETE trial's score" });
