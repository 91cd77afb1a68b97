import { z } from 'zod';
import { TRIAL_STATES } from '../trial/trial-state';
import { countSchema, dateTimeSchema, metricsSchema, paramsSchema, traceIdSchema, trialNumberSchema, trialOriginSchema, uuidSchema } from './response-primitives';
import { trialScoreSchema } from './score.schema';

export const trialStateSchema = z.enum(TRIAL_STATES);

/** A trial as GET /studies/:id/trials lists it. */
export const trialRowSchema = z.strictObject({
  id: uuidSchema,
  studyId: uuidSchema,
  number: trialNumberSchema,
  state: trialStateSchema,
  params: paramsSchema,
  value: z.number().optional().meta({ description: 'the objective (the metric, or the composite score), COMPLETE trials of one objective' }),
  metrics: metricsSchema.optional().meta({ description: 'every reported metric, aggregated over the counted repeats' }),
  origin: trialOriginSchema.optional(),
  feasible: z.boolean().optional().meta({ description: 'COMPLETE trials of a study with constraints' }),
  violation: z.number().optional().meta({ description: 'total relative excess over the constraints; 0 when feasible' }),
  score: trialScoreSchema.optional(),
  note: z.string().optional().meta({ description: 'what was dropped from the reported metrics, and why' }),
  error: z.string().optional(),
  workerId: z.string().optional().meta({ description: 'the worker that measured it (of a RUNNING trial, the one evaluating it)' }),
  traceId: traceIdSchema.optional(),
  createdAt: dateTimeSchema,
  startedAt: dateTimeSchema.optional(),
  endedAt: dateTimeSchema.optional(),
});
export type TrialRow = z.output<typeof trialRowSchema>;

/** One measurement of a trial (GET /studies/:id/trials/:number/measurements). */
export const measurementRowSchema = z.strictObject({
  repeat: countSchema.meta({ description: '0, 1, 2, ... in the order taken, warm-ups first' }),
  warmup: z.boolean().meta({ description: "run and stored, not counted in the trial's metrics" }),
  metrics: metricsSchema,
  durationMs: z.number(),
  workerId: z.string().optional(),
  startedAt: dateTimeSchema,
});
export type MeasurementRow = z.output<typeof measurementRowSchema>;

/** What POST /studies/:id/trials answers: the new trials by number (QUEUED, or COMPLETE when a measurement was reused). */
export const enqueuedTrialsSchema = z.strictObject({
  trials: z.array(trialRowSchema).meta({
    description: 'the new trials by number: QUEUED (origin "enqueued"), or COMPLETE (origin "reused") for a configuration the study had measured already',
  }),
  warnings: z.array(z.string()).meta({ description: 'one line per reused measurement' }),
});
export type EnqueuedTrials = z.output<typeof enqueuedTrialsSchema>;
