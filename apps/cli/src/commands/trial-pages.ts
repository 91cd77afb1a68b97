import type { Page, TrialRow } from '@attune/core/api/responses';
import type { CoordinatorClient } from '../client/coordinator-client';

/** The largest page the coordinator serves. */
export const MAX_PAGE = 1000;

export interface TrialPagesQuery {
  readonly state?: string;
  readonly offset: number;
  readonly limit: number;
  /** Every page from `offset` to the end, MAX_PAGE trials at a time (`limit` is ignored). */
  readonly all: boolean;
}

/**
 * The pages of a study's trials, one request each, as they arrive. Trials are
 * ordered by number and new ones get higher numbers, so paging a running
 * study misses none that existed when it began (a state filter may, as trials
 * change state meanwhile).
 */
export async function* trialPages(client: CoordinatorClient, id: string, q: TrialPagesQuery): AsyncGenerator<Page<TrialRow>> {
  const limit = q.all ? MAX_PAGE : q.limit;
  for (let offset = q.offset; ; offset += limit) {
    const page = await client.listTrials(id, { state: q.state, limit, offset });
    yield page;
    if (!q.all || page.items.length < limit || offset + limit >= page.total) return;
  }
}
