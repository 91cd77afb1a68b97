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
  lastStep: z.number().int().min(0).optional().meta({ description: 'the last intermediate step the trial reported (its steps: GET /studies/:id/trials/:number/steps); of a PRUNED trial, the step it was stopped at' }),
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

/** One intermediate value of a trial (GET /studies/:id/trials/:number/steps), as the target reported it while it ran. */
export const stepRowSchema = z.strictObject({
  step: countSchema.meta({ description: 'where the evaluation was (an epoch, a second, a request count), rising' }),
  metrics: metricsSchema,
  at: dateTimeSchema.meta({ description: 'when the target reported it' }),
});
export type StepRow = z.output<typeof stepRowSchema>;

/**
 * The objective's intermediate values of a study's trials (GET
 * /studies/:id/steps, a page of trials by number): one curve per trial that
 * reported steps, for learning-curve charts. `values[i]` is the objective
 * metric at `steps[i]`.
 */
export const trialCurveSchema = z.strictObject({
  number: trialNumberSchema,
  state: trialStateSchema,
  steps: z.array(countSchema),
  values: z.array(z.number()),
});
export type TrialCurve = z.output<typeof trialCurveSchema>;

/** What POST /studies/:id/trials answers: the new trials by number (QUEUED, or COMPLETE when a measurement was reused). */
export const enqueuedTrialsSchema = z.strictObject({
  trials: z.array(trialRowSchema).meta({
    description: 'the new trials by number: QUEUED (origin "enqueued"), or COMPLETE (origin "reused") for a configuration the study had measured already',
  }),
  warnings: z.array(z.string()).meta({ description: 'one line per reused measurement' }),
});
export type EnqueuedTrials = z.output<typeof enqueuedTrialsSchema>;
