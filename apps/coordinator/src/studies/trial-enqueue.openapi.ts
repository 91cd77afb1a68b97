import { enqueueTrialsSchema } from '@attune/core/trial/enqueue-trials.schema';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { STUDY_DETAIL_SCHEMA, TRIAL_SCHEMA } from './study.openapi';

/** OpenAPI schemas of trials added by hand and of warm start (documentation only; the zod schemas validate). */

/** The request body of POST /studies/:id/trials. */
export const ENQUEUE_TRIALS_SCHEMA = z.toJSONSchema(enqueueTrialsSchema, { io: 'input', target: 'openapi-3.0' }) as SchemaObject;

export const ENQUEUED_TRIALS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['trials', 'warnings'],
  properties: {
    trials: {
      type: 'array',
      items: TRIAL_SCHEMA,
      description: 'the new trials by number: QUEUED (origin "enqueued"), or COMPLETE (origin "reused") for a configuration the study had measured already',
    },
    warnings: { type: 'array', items: { type: 'string' }, description: 'one line per reused measurement' },
  },
};

const str: SchemaObject = { type: 'string' };

/** What POST /studies answers: the study, and what its warm start copied when the spec asked for one. */
export const CREATED_STUDY_SCHEMA: SchemaObject = {
  ...STUDY_DETAIL_SCHEMA,
  properties: {
    ...STUDY_DETAIL_SCHEMA.properties,
    warmStart: {
      type: 'object',
      description: 'present when the spec has warmStart: per earlier study, trials copied and dropped, and why (`"3 trials: …"`)',
      properties: {
        studies: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'copied', 'dropped', 'reasons'],
            properties: { id: { type: 'string', format: 'uuid' }, copied: { type: 'integer' }, dropped: { type: 'integer' }, reasons: { type: 'array', items: str } },
          },
        },
      },
    },
  },
};
