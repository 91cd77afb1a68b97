import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** OpenAPI shapes of the verification routes (the report's inner shape is libs/core/src/verification/verification-report.ts). */
const int: SchemaObject = { type: 'integer' };

export const VERIFICATION_OPTIONS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    repeats: { type: 'integer', minimum: 2, maximum: 50, default: 5, description: 'measurements of each candidate and of the baseline' },
    top: { type: 'integer', minimum: 1, maximum: 10, default: 3, description: 'best trials re-measured as candidates' },
  },
  additionalProperties: false,
};

export const VERIFICATION_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    studyId: { type: 'string', format: 'uuid' },
    state: { type: 'string', enum: ['RUNNING', 'COMPLETE', 'FAILED', 'CANCELLED'] },
    options: {
      type: 'object',
      properties: {
        repeats: int,
        top: int,
        seed: int,
        candidatesBy: {
          type: 'string',
          enum: ['posterior-mean', 'measured'],
          description: "how the candidates were chosen: with one objective, the best by a GP's posterior mean over the study's trials (it discounts lucky measurements); else the best measured. Absent on verifications stored before it was recorded (measured)",
        },
      },
    },
    progress: { type: 'object', properties: { taken: int, total: int } },
    candidates: { type: 'array', items: int, description: 'trial numbers re-measured, the baseline among them' },
    measurements: { type: 'array', items: { type: 'object', properties: { seq: int, trialNumber: int, state: { type: 'string' }, metrics: { type: 'object', additionalProperties: { type: 'number' } }, error: { type: 'string' }, durationMs: { type: 'number' } } } },
    report: {
      type: 'object',
      description:
        'the verdict: winner (trial number, picked by its re-measurements), significant, per candidate the comparison of the score and of each metric with the baseline (improvement {estimate, low, high} as a fraction, positive is better, 95% interval; p of the test used, welch or rank), the Pareto front for several objectives',
    },
    error: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    endedAt: { type: 'string', format: 'date-time' },
  },
};
