import { z } from 'zod';
import { improvementSchema, metricsSchema, paramsSchema, traceIdSchema, trialNumberSchema, trialOriginSchema } from './response-primitives';

/** The best trial as the API shows it (in a summary, GET /studies/:id/best, and each trial of a Pareto front). */
export const bestTrialSchema = z.strictObject({
  number: trialNumberSchema,
  params: paramsSchema,
  value: z.number().optional().meta({ description: 'the objective (the metric, or the composite score); absent for several objectives' }),
  metrics: metricsSchema.optional(),
  origin: trialOriginSchema.optional(),
  feasible: z.boolean().optional().meta({ description: 'studies with constraints (the best is always feasible; a trial asked for by number may not be)' }),
  violation: z.number().optional().meta({ description: 'total relative excess over the constraints; 0 when feasible' }),
  improvement: improvementSchema.optional(),
  traceId: traceIdSchema.optional(),
});
export type BestTrial = z.output<typeof bestTrialSchema>;

/** GET /studies/:id/best as JSON: one trial, or for several objectives the Pareto front. */
export const bestAnswerSchema = z
  .xor([bestTrialSchema, z.strictObject({ front: z.array(bestTrialSchema).meta({ description: 'the non-dominated feasible trials' }) })])
  .meta({ description: 'the best feasible trial (or the trial asked for with ?trial=N), or for several objectives `{front}`' });
export type BestAnswer = z.output<typeof bestAnswerSchema>;

/** The formats GET /studies/:id/best writes. */
export const BEST_FORMATS = ['json', 'yaml', 'env'] as const;
export type BestFormat = (typeof BEST_FORMATS)[number];
