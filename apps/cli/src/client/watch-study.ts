import type { StudyEventMessage } from '@attune/core/events/study-event';
import type { StudyState } from '@attune/core/api/responses';
import { CoordinatorUnreachableError, StreamInterruptedError, type CoordinatorClient } from './coordinator-client';

export interface WatchOptions {
  /** Start after this event id (0: from the first event). @default 0 */
  readonly since?: number;
  /** How long the coordinator may stay unreachable (a restart) before watching gives up. @default 60000 */
  readonly outageMs?: number;
  /** Stops watching (Ctrl-C); the study itself keeps running. */
  readonly signal?: AbortSignal;
}

/** How a watched study ended. */
export interface WatchedEnd {
  readonly state: Exclude<StudyState, 'RUNNING'>;
  readonly reason?: string;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 2000;

/**
 * Follows a study's event stream, handing each event to `onEvent` in order,
 * until `study-ended`. A dropped connection is resumed after the last event
 * received (Last-Event-ID), so no event is missed or repeated. Resolves with
 * how the study ended, or undefined when `signal` aborted first.
 */
export async function watchStudy(
  client: CoordinatorClient,
  id: string,
  onEvent: (event: StudyEventMessage) => void,
  options: WatchOptions = {},
): Promise<WatchedEnd | undefined> {
  const outageMs = options.outageMs ?? 60_000;
  let cursor = options.since ?? 0;
  let retryMs = RETRY_MIN_MS;
  let troubleSince: number | undefined;
  while (!options.signal?.aborted) {
    try {
      for await (const event of client.streamEvents(id, cursor, options.signal)) {
        cursor = event.seq;
        troubleSince = undefined;
        retryMs = RETRY_MIN_MS;
        onEvent(event);
        if (event.kind === 'study-ended') return { state: event.state, reason: event.reason };
      }
      if (options.signal?.aborted) break;
      // The server ended the stream without `study-ended`: a study that ended before events were kept, or a restart.
      const study = await client.getStudy(id);
      if (study.state !== 'RUNNING') return { state: study.state, reason: study.stopReason };
    } catch (e) {
      if (!(e instanceof CoordinatorUnreachableError || e instanceof StreamInterruptedError)) throw e;
      troubleSince ??= Date.now();
      if (Date.now() - troubleSince > outageMs) throw e;
    }
    await sleep(retryMs, options.signal);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }
  return undefined;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
