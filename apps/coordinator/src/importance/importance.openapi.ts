import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** OpenAPI schema of GET /studies/:id/importance (documentation only; `parameterImportance` makes the body). */

const share: SchemaObject = {
  type: 'object',
  required: ['name', 'importance', 'firstOrder', 'total'],
  properties: {
    name: { type: 'string' },
    importance: { type: 'number', description: "its total Sobol index over the sum of every parameter's: the importances sum to 1" },
    firstOrder: { type: 'number', description: 'first-order Sobol index: the share of the variance it explains alone (0..1)' },
    total: { type: 'number', description: 'total Sobol index: its share alone and through interactions (0..1)' },
  },
};

const objective: SchemaObject = { type: 'string', description: 'the objective measured: its metric, or "score" for a composite' };

export const IMPORTANCE_SCHEMA: SchemaObject = {
  oneOf: [
    {
      type: 'object',
      required: ['method', 'objective', 'note', 'trials', 'modelPoints', 'evaluations', 'parameters'],
      properties: {
        method: { type: 'string', enum: ['sobol-gp'], description: "Sobol indices of a Gaussian process's posterior mean (functional ANOVA, the quantity fANOVA computes)" },
        objective,
        note: { type: 'string', description: 'how it was computed, in a few sentences' },
        trials: { type: 'integer', description: 'feasible completed trials modelled' },
        modelPoints: { type: 'integer', description: 'of them, the GP was fitted on (at most 160)' },
        evaluations: { type: 'integer', description: "evaluations of the GP's mean: 1024·(parameters + 2)" },
        parameters: { type: 'array', items: share, description: 'most important first' },
      },
    },
    {
      type: 'object',
      required: ['objective', 'problem', 'trials'],
      properties: { objective, problem: { type: 'string', description: 'why there is no importance yet, e.g. "needs at least 10 completed feasible trials, has 4"' }, trials: { type: 'integer' } },
    },
  ],
};
