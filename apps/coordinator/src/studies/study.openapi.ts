import { studySpecSchema } from '@attune/core/spec/study-spec.schema';
import { TRIAL_STATES } from '@attune/core/trial/trial-state';
import { STUDY_STATES } from '@attune/persistence/records/study.record';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/** OpenAPI schemas of the studies API (documentation only; the zod schemas validate). */

/** The request body of POST /studies: the study spec's own JSON Schema. */
export const STUDY_SPEC_SCHEMA = z.toJSONSchema(studySpecSchema, { io: 'input', target: 'openapi-3.0' }) as SchemaObject;

const str: SchemaObject = { type: 'string' };
const int: SchemaObject = { type: 'integer' };
const date: SchemaObject = { type: 'string', format: 'date-time' };
const params: SchemaObject = { type: 'object', additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] } };

export const BEST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['number', 'params', 'value'],
  properties: { number: int, params, value: { type: 'number' } },
};

const COUNTS: SchemaObject = {
  type: 'object',
  properties: Object.fromEntries(['total', 'queued', 'running', 'complete', 'failed', 'pruned', 'timedOut', 'cancelled'].map((k) => [k, int])),
};

export const STUDY_SUMMARY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'name', 'target', 'state', 'direction', 'metric', 'strategy', 'budget', 'parameters', 'createdAt', 'updatedAt', 'trials'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: str,
    description: str,
    target: str,
    state: { type: 'string', enum: [...STUDY_STATES] },
    direction: { type: 'string', enum: ['minimize', 'maximize'] },
    metric: str,
    strategy: { type: 'object', properties: { name: str, seed: int, options: { type: 'object' } } },
    budget: { type: 'object', properties: { maxTrials: int, parallelism: int, trialTimeoutSec: { type: 'number' }, maxFailedTrials: int } },
    parameters: { type: 'array', items: { type: 'object' } },
    notify: { type: 'object', properties: { url: str, events: { type: 'array', items: str } } },
    stopReason: str,
    createdAt: date,
    updatedAt: date,
    endedAt: date,
    trials: COUNTS,
    best: BEST_SCHEMA,
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
    metrics: { type: 'object', additionalProperties: { type: 'number' } },
    note: { type: 'string', description: 'what was dropped from the reported metrics, and why' },
    error: str,
    workerId: str,
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
