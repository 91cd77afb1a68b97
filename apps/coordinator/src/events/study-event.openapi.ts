import { studyEventMessageSchema } from '@attune/core/events/study-event';
import { openApiSchemaOf } from '../http/openapi-schema-of';

/** One event as the `data:` line of the SSE stream (and a webhook's body) carries it. */
export const STUDY_EVENT_MESSAGE_SCHEMA = openApiSchemaOf(studyEventMessageSchema);

export const STUDY_EVENTS_DESCRIPTION = [
  'Server-Sent Events: `id:` is the per-study sequence number, `event:` the kind, `data:` the event as JSON (schema below).',
  'Replays the log after `Last-Event-ID` (or `?since=`), then follows live; `: keep-alive` comments every 15 s; ends after `study-ended`.',
].join(' ');
