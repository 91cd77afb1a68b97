import type { TrialCurve } from '@attune/core/api/responses';
import { api } from '../api/api-client';
import { pageOffsets, withPage } from './trial-store';

/**
 * `curves` brought up to date from `offset` on, as `loadTrials` does the
 * trials: the first page says how many there are (and, by its length, how
 * many a page holds), the rest are read at once.
 */
export async function loadCurves(studyId: string, curves: readonly TrialCurve[], offset: number): Promise<TrialCurve[]> {
  const first = await api.curves(studyId, offset);
  const size = first.items.length;
  const rest = size === 0 ? [] : await Promise.all(pageOffsets(offset + size, first.total, size).map((o) => api.curves(studyId, o)));
  return withPage(curves, [first, ...rest].flatMap((p) => p.items), offset, true);
}
