import { studyEventMessageSchema } from '@attune/core/events/study-event';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/** One event as the `data:` line of the SSE stream (and a webhook's body) carries it. */
export const STUDY_EVENT_MESSAGE_SCHEMA = z.toJSONSchema(studyEventMessageSchema, { io: 'output', target: 'openapi-3.0' }) as SchemaObject;

export const STUDY_EVENTS_DESCRIPTION = [
  'Server-Sent Events: `id:` is the per-study sequence number, `event:` the kind, `data:` the event as JSON (schema below).',
  'Replays the log after `Last-Event-ID` (or `?since=`), then follows live; `: keep-alive` comments every 15 s; ends after `study-ended`.',
].join(' ');
