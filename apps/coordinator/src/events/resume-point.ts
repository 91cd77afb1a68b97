import { AttuneError } from '@attune/core/errors/attune-error';

/**
 * Where a stream resumes: after the event id of the `Last-Event-ID` header
 * (what a reconnecting EventSource sends), else after `?since=`, else from
 * the first event. Anything but a non-negative integer is INVALID_ARGUMENT
 * naming its source.
 */
export function resumePoint(lastEventId: string | undefined, since: string | undefined): number {
  if (lastEventId !== undefined && lastEventId !== '') return eventId(lastEventId, 'Last-Event-ID');
  if (since !== undefined && since !== '') return eventId(since, 'since');
  return 0;
}

function eventId(value: string, path: string): number {
  const n = Number(value);
  if (/^\d{1,15}$/.test(value.trim()) && Number.isSafeInteger(n)) return n;
  const message = `must be an event id (an integer, 0 or more), got ${JSON.stringify(value.slice(0, 40))}`;
  throw new AttuneError('INVALID_ARGUMENT', `${path}: ${message}`, [{ path, message }]);
}
