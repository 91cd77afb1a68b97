import { z } from 'zod';
import { countSchema } from './response-primitives';

/** One parameter's share of the objective's variance (GET /studies/:id/importance). */
export const parameterShareJsonSchema = z.strictObject({
  name: z.string(),
  importance: z.number().meta({ description: "its total Sobol index over the sum of every parameter's: the importances sum to 1" }),
  firstOrder: z.number().meta({ description: 'first-order Sobol index: the share of the variance it explains alone (0..1)' }),
  total: z.number().meta({ description: 'total Sobol index: its share alone and through interactions (0..1)' }),
});
export type ParameterShareJson = z.output<typeof parameterShareJsonSchema>;

const objective = z.string().meta({ description: 'the objective measured: its metric, or "score" for a composite' });

/** The shares, most important first. */
const importanceSchema = z.strictObject({
  method: z.literal('sobol-gp').meta({ description: "Sobol indices of a Gaussian process's posterior mean (functional ANOVA, the quantity fANOVA computes)" }),
  objective,
  note: z.string().meta({ description: 'how it was computed, in a few sentences' }),
  trials: countSchema.meta({ description: 'feasible completed trials modelled' }),
  modelPoints: countSchema.meta({ description: 'of them, the GP was fitted on (at most 160)' }),
  evaluations: countSchema.meta({ description: "evaluations of the GP's mean: 1024·(parameters + 2)" }),
  parameters: z.array(parameterShareJsonSchema).meta({ description: 'most important first' }),
});

/** Why there is no importance yet. */
const importanceProblemSchema = z.strictObject({
  objective,
  problem: z.string().meta({ description: 'why there is no importance yet, e.g. "needs at least 10 completed feasible trials, has 4"' }),
  trials: countSchema,
});

/** GET /studies/:id/importance: the shares, most important first, or why there are none yet. */
export const importanceJsonSchema = z.xor([importanceSchema, importanceProblemSchema]);
export type ImportanceJson = z.output<typeof importanceJsonSchema>;
