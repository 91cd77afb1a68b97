import { studySpecSchema } from '@attune/core/spec/study-spec.schema';
import { TRIAL_STATES } from '@attune/core/trial/trial-state';
import { STUDY_STATES } from '@attune/core/study/study-state';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/** OpenAPI schemas of the studies API (documentation only; the zod schemas validate). */

/** The request body of POST /studies: the study spec's own JSON Schema. */
export const STUDY_SPEC_SCHEMA = z.toJSONSchema(studySpecSchema, { io: 'input', target: 'openapi-3.0' }) as SchemaObject;

const str: SchemaObject = { type: 'string' };
const int: SchemaObject = { type: 'integer' };
const date: SchemaObject = { type: 'string', format: 'date-time' };
const params: SchemaObject = { type: 'object', additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] } };

const metrics: SchemaObject = { type: 'object', additionalProperties: { type: 'number' } };
const ORIGIN: SchemaObject = { type: 'string', enum: ['baseline', 'enqueued', 'warm-start', 'reused'], description: "where the configuration came from; absent when the strategy proposed it" };

const IMPROVEMENT: SchemaObject = {
  type: 'object',
  description: 'over the baseline; positive is better (0.25 = 25% better): minimize (b - m) / |b|, maximize (m - b) / |b|',
  properties: { perMetric: metrics, score: { type: 'number', description: 'the same for the objective as a whole; absent for several objectives' } },
};

const TRACE_ID: SchemaObject = {
  type: 'string',
  pattern: '^[0-9a-f]{32}$',
  description: "the trial's OpenTelemetry trace (its spans in the coordinator and the worker); absent when it was not traced (no OTLP endpoint, or not sampled)",
};

export const BEST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['number', 'params'],
  properties: {
    number: int,
    params,
    value: { type: 'number', description: 'the objective (the metric, or the composite score); absent for several objectives' },
    metrics,
    origin: ORIGIN,
    feasible: { type: 'boolean', description: 'studies with constraints' },
    violation: { type: 'number', description: 'total relative excess over the constraints; 0 when feasible' },
    improvement: IMPROVEMENT,
    traceId: TRACE_ID,
  },
};

/** GET /studies/:id/best as JSON: the best feasible trial, or for several objectives `{front}`, the non-dominated feasible trials. */
export const BEST_RESPONSE_SCHEMA: SchemaObject = {
  oneOf: [BEST_SCHEMA, { type: 'object', required: ['front'], properties: { front: { type: 'array', items: BEST_SCHEMA } } }],
  description:
    'format=yaml: the same as YAML (application/yaml). format=env: `NAME=value` lines of the configuration (text/plain), each name the parameter name upper-cased (a command target gets it as ATTUNE_PARAM_<NAME>), values single-quoted when not plain. yaml and env of a Pareto front are refused (400 naming `trial`): pick one with ?trial=N.',
};

export const MEASUREMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['repeat', 'warmup', 'metrics', 'durationMs', 'startedAt'],
  properties: {
    repeat: { ...int, description: '0, 1, 2, ... in the order taken, warm-ups first' },
    warmup: { type: 'boolean', description: 'run and stored, not counted in the trial\'s metrics' },
    metrics,
    durationMs: { type: 'number' },
    workerId: str,
    startedAt: date,
  },
};

const COUNTS: SchemaObject = {
  type: 'object',
  properties: Object.fromEntries(['total', 'queued', 'running', 'complete', 'failed', 'pruned', 'timedOut', 'cancelled'].map((k) => [k, int])),
};

export const STUDY_SUMMARY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'name', 'target', 'state', 'objective', 'objectives', 'strategy', 'budget', 'parameters', 'createdAt', 'updatedAt', 'trials'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: str,
    description: str,
    target: str,
    state: { type: 'string', enum: [...STUDY_STATES] },
    direction: { type: 'string', enum: ['minimize', 'maximize'], description: "which way `best.value` is better; absent for several objectives" },
    metric: { type: 'string', description: 'the objective\'s metric, or "score" for a composite; absent for several objectives' },
    objective: { type: 'string', description: 'the objective in one line, e.g. "minimize p99" or "pareto front of minimize p99, maximize rps"' },
    objectives: {
      type: 'object',
      description: 'the measurement model',
      properties: {
        kind: { type: 'string', enum: ['single', 'composite', 'pareto'] },
        objectives: { type: 'array', items: { type: 'object', properties: { metric: str, direction: { type: 'string', enum: ['minimize', 'maximize'] }, weight: { type: 'number' } } } },
        constraints: { type: 'array', items: { type: 'object', properties: { metric: str, min: { type: 'number' }, max: { type: 'number' } } } },
        measurement: { type: 'object', properties: { repeats: int, warmup: int, aggregate: { type: 'string', enum: ['median', 'mean'] } } },
        baseline: { description: "as the spec gives it: true (the parameters' defaults) or {params}" },
      },
    },
    strategy: { type: 'object', properties: { name: str, seed: int, options: { type: 'object' } } },
    budget: { type: 'object', properties: { maxTrials: int, parallelism: int, trialTimeoutSec: { type: 'number' }, maxFailedTrials: int } },
    parameters: { type: 'array', items: { type: 'object' } },
    notify: { type: 'object', properties: { url: str, events: { type: 'array', items: str } } },
    stopReason: str,
    createdAt: date,
    updatedAt: date,
    endedAt: date,
    trials: COUNTS,
    baseline: {
      type: 'object',
      description: "the baseline trial, once the study has one: every trial's improvement is relative to its metrics",
      properties: { number: int, state: { type: 'string', enum: [...TRIAL_STATES] }, params, value: { type: 'number' }, metrics, feasible: { type: 'boolean' } },
    },
    best: { ...BEST_SCHEMA, description: 'the best feasible trial; absent for several objectives (GET /studies/{id}/best gives the front)' },
  },
};

/** POST /studies and GET /studies/:id: the summary plus what keeps a RUNNING study from progressing. */
export const STUDY_DETAIL_SCHEMA: SchemaObject = {
  ...STUDY_SUMMARY_SCHEMA,
  required: [...(STUDY_SUMMARY_SCHEMA.required ?? []), 'warnings'],
  properties: {
    ...STUDY_SUMMARY_SCHEMA.properties,
    warnings: {
      type: 'array',
      items: str,
      description: 'e.g. no live worker serves the target (GET /workers lists them); empty when nothing is wrong or the study ended',
    },
  },
};

export const TRIAL_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'studyId', 'number', 'state', 'params', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    studyId: { type: 'string', format: 'uuid' },
    number: int,
    state: { type: 'string', enum: [...TRIAL_STATES] },
    params,
    value: { type: 'number' },
    metrics: { ...metrics, description: 'every reported metric, aggregated over the counted repeats' },
    origin: ORIGIN,
    feasible: { type: 'boolean', description: 'COMPLETE trials of a study with constraints' },
    violation: { type: 'number' },
    score: {
      type: 'object',
      description: 'the rest of a COMPLETE trial\'s score',
      properties: {
        losses: { type: 'array', items: { type: 'number' }, description: 'each objective\'s loss (lower is better), several objectives' },
        constraints: { type: 'array', items: { type: 'number' }, description: 'each constraint\'s signed slack: <= 0 kept, > 0 relative excess' },
        violations: { type: 'array', items: { type: 'object', properties: { metric: str, bound: { type: 'string', enum: ['min', 'max'] }, limit: { type: 'number' }, value: { type: 'number' }, excess: { type: 'number' } } } },
        spread: { type: 'object', additionalProperties: { type: 'object', properties: { sd: { type: 'number' }, count: int } }, description: 'per metric, the standard deviation and count of the counted repeats' },
        noise: { type: 'object', properties: { sd: { type: 'number' }, count: int } },
        improvement: IMPROVEMENT,
      },
    },
    note: { type: 'string', description: 'what was dropped from the reported metrics, and why' },
    error: str,
    workerId: str,
    traceId: TRACE_ID,
    createdAt: date,
    startedAt: date,
    endedAt: date,
  },
};

export function pageOf(item: SchemaObject): SchemaObject {
  return { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: item }, total: int } };
}

export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: int,
    error: { type: 'string', example: 'INVALID_SPEC' },
    message: { type: 'string', example: 'parameters[0].max: must be above min (5), got 1' },
    issues: { type: 'array', items: { type: 'object', properties: { path: str, message: str } } },
  },
};
