import type { TrialRow } from '@attune/core/api/responses';
import { isFinal } from '@attune/core/trial/trial-state';

/**
 * Where a refresh of a study's trials starts: the position (the API's
 * `offset`, trials being ordered by number) of the first trial that may
 * still change, or the end when all are final. Everything before it is
 * final and is not fetched again: a live page of 10,000 trials re-reads only
 * the few in flight.
 */
export function refreshOffset(trials: readonly TrialRow[]): number {
  const open = trials.findIndex((t) => !isFinal(t.state));
  return open === -1 ? trials.length : open;
}

/** The items (trials, or their curves) with `page` (read at `offset`) in place of what was there from `offset` on; `complete`: the read reached the end, and nothing follows. */
export function withPage<T>(items: readonly T[], page: readonly T[], offset: number, complete: boolean): T[] {
  const kept = items.slice(0, offset);
  const after = complete ? [] : items.slice(offset + page.length);
  return [...kept, ...page, ...after];
}

/** The offsets of the pages that read `total` trials from `from` on, `limit` at a time. */
export function pageOffsets(from: number, total: number, limit: number): number[] {
  const offsets: number[] = [];
  for (let offset = from; offset < total; offset += limit) offsets.push(offset);
  return offsets;
}
