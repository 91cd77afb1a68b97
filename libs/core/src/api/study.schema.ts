import { z } from 'zod';
import { prunerFieldSchema } from '../pruning/pruner-spec.schema';
import { baselineFieldSchema, constraintSchema, measurementFieldSchema } from '../objective/objective-spec.schema';
import { directionSchema } from '../spec/primitive-schemas';
import { budgetSchema, notifySchema, parameterSchema, strategySchema } from '../spec/study-spec.schema';
import { STUDY_STATES } from '../study/study-state';
import { bestTrialSchema } from './best.schema';
import { countSchema, dateTimeSchema, metricsSchema, paramsSchema, trialNumberSchema, uuidSchema } from './response-primitives';
import { trialCountsSchema } from './trial-counts.schema';
import { trialStateSchema } from './trial.schema';

/** One objective of a study as summaries show it; `weight` for the terms of a composite score. */
export const objectiveTermSchema = z.strictObject({
  metric: z.string(),
  direction: directionSchema,
  weight: z.number().optional().meta({ description: 'composite scores' }),
});
export type ObjectiveTerm = z.output<typeof objectiveTermSchema>;

/** A study's measurement model as summaries show it (`studyObjectives` of its spec). */
export const studyObjectivesSchema = z
  .strictObject({
    kind: z.enum(['single', 'composite', 'pareto']),
    objectives: z.array(objectiveTermSchema),
    constraints: z.array(constraintSchema).optional(),
    measurement: measurementFieldSchema,
    baseline: baselineFieldSchema.optional().meta({ description: "as the spec gives it: true (the parameters' defaults) or {params}" }),
  })
  .meta({ description: 'the measurement model' });
export type StudyObjectives = z.output<typeof studyObjectivesSchema>;

/** The baseline trial of a study, once it has one. */
export const baselineTrialSchema = z
  .strictObject({
    number: trialNumberSchema,
    state: trialStateSchema,
    params: paramsSchema,
    value: z.number().optional(),
    metrics: metricsSchema.optional(),
    feasible: z.boolean().optional(),
  })
  .meta({ description: "the baseline trial, once the study has one: every trial's improvement is relative to its metrics" });
export type BaselineTrial = z.output<typeof baselineTrialSchema>;

export const studyStateSchema = z.enum(STUDY_STATES);

/** A study as GET /studies lists it and POST /studies/:id/stop answers. */
export const studySummarySchema = z.strictObject({
  id: uuidSchema,
  name: z.string(),
  project: z.string().meta({ description: 'the project the study belongs to' }),
  description: z.string().optional(),
  target: z.string(),
  state: studyStateSchema,
  direction: directionSchema.optional().meta({ description: 'which way `best.value` is better; absent for several objectives' }),
  metric: z.string().optional().meta({ description: 'the objective\'s metric, or "score" for a composite; absent for several objectives' }),
  objective: z.string().meta({ description: 'the objective in one line, e.g. "minimize p99" or "pareto front of minimize p99, maximize rps"' }),
  objectives: studyObjectivesSchema,
  strategy: strategySchema,
  budget: budgetSchema,
  parameters: z.array(parameterSchema),
  notify: notifySchema.optional(),
  pruner: prunerFieldSchema.optional().meta({ description: "the rule that stops running trials early from the steps they report, with its options (defaults applied); absent: trials run to their end" }),
  stopReason: z.string().optional(),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
  endedAt: dateTimeSchema.optional(),
  trials: trialCountsSchema,
  baseline: baselineTrialSchema.optional(),
  best: bestTrialSchema.optional().meta({ description: 'the best feasible trial; absent for several objectives (GET /studies/{id}/best gives the front)' }),
});
export type StudySummary = z.output<typeof studySummarySchema>;
export type StudyState = z.output<typeof studyStateSchema>;

/** A study as GET /studies/:id returns it: the summary and what keeps it from progressing. */
export const studyDetailSchema = studySummarySchema.extend({
  warnings: z.array(z.string()).meta({
    description: 'e.g. no live worker serves the target (GET /workers lists them); empty when nothing is wrong or the study ended',
  }),
});
export type StudyDetail = z.output<typeof studyDetailSchema>;

/** What one earlier study gave a warm start. */
const warmStartStudySchema = z.strictObject({ id: uuidSchema, copied: countSchema, dropped: countSchema, reasons: z.array(z.string()) });

/** What POST /studies answers: the study, and what its warm start copied when the spec asked for one. */
export const createdStudySchema = studyDetailSchema.extend({
  warmStart: z
    .strictObject({ studies: z.array(warmStartStudySchema) })
    .optional()
    .meta({ description: 'present when the spec has warmStart: per earlier study, trials copied and dropped, and why (`"3 trials: …"`)' }),
});
export type CreatedStudy = z.output<typeof createdStudySchema>;
