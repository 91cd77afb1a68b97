import type { StudyEvent } from '@attune/core/events/study-event';
import { STUDY_EVENT_KIND_NAMES } from '@attune/core/events/study-event-kinds';
import { apiUrl } from './api-client';

/** How the live connection to a study's event stream stands, for the page to say. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'ended';

export interface StudyEventHandlers {
  onEvent(event: StudyEvent, seq: number): void;
  onState(state: LiveState): void;
}

/**
 * Follows GET /studies/:id/events with an EventSource: the browser resumes
 * from the last event id by itself after a dropped connection, or after the
 * coordinator ended the stream at the study's end (a verification may
 * follow it, and its events with it). The caller stops following, with the
 * function returned, once the study says nothing can change any more.
 */
export function followStudyEvents(studyId: string, handlers: StudyEventHandlers): () => void {
  const source = new EventSource(apiUrl(`studies/${encodeURIComponent(studyId)}/events`));
  handlers.onState('connecting');
  source.onopen = () => handlers.onState('live');
  source.onerror = () => handlers.onState(source.readyState === EventSource.CLOSED ? 'ended' : 'reconnecting');
  const onMessage = (message: MessageEvent<string>) => {
    const event = parseEvent(message.data);
    if (!event) return;
    handlers.onEvent(event, Number(message.lastEventId));
  };
  for (const kind of STUDY_EVENT_KIND_NAMES) source.addEventListener(kind, onMessage);
  return () => source.close();
}

function parseEvent(data: string): StudyEvent | undefined {
  try {
    return JSON.parse(data) as StudyEvent;
  } catch {
    return undefined;
  }
}
