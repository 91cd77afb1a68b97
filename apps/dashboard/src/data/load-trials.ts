import type { TrialRow } from '@attune/core/api/responses';
import { api, TRIALS_PAGE_LIMIT } from '../api/api-client';
import { pageOffsets, withPage } from './trial-store';

/**
 * `trials` brought up to date from `offset` on: the first page says how many
 * there are, the rest are read at once (a study of 10,000 trials is ten
 * requests in flight together, not one after another).
 */
export async function loadTrials(studyId: string, trials: readonly TrialRow[], offset: number): Promise<TrialRow[]> {
  const first = await api.trials(studyId, offset);
  const rest = await Promise.all(pageOffsets(offset + TRIALS_PAGE_LIMIT, first.total, TRIALS_PAGE_LIMIT).map((o) => api.trials(studyId, o)));
  const page = [first, ...rest].flatMap((p) => p.items);
  return withPage(trials, page, offset, true);
}
