import type { TrialCurve, TrialRow } from '@attune/core/api/responses';
import { describe, expect, it } from 'vitest';
import { curveRefreshOffset, hasSteps, openFrom } from './curve-store';
import { withPage } from './trial-store';

const trial = (number: number, state: TrialRow['state']): TrialRow => ({ id: `t${number}`, studyId: 's', number, state, params: {}, createdAt: '2026-01-01T00:00:00Z' });
const curve = (number: number, state: TrialCurve['state'], values: number[] = [1]): TrialCurve => ({ number, state, steps: values.map((_, i) => i), values });

describe('curve store', () => {
  it('has curves to read once a trial reported a step (step 0 too)', () => {
    expect(hasSteps([trial(0, 'COMPLETE'), { ...trial(1, 'RUNNING'), lastStep: 0 }])).toBe(true);
    expect(hasSteps([trial(0, 'COMPLETE')])).toBe(false);
  });

  it('knows which trials may still report steps: from the first open one, or after the last', () => {
    expect(openFrom([trial(0, 'COMPLETE'), trial(1, 'PRUNED'), trial(2, 'RUNNING'), trial(3, 'COMPLETE'), trial(4, 'QUEUED')])).toBe(2);
    expect(openFrom([trial(0, 'COMPLETE'), trial(1, 'PRUNED')])).toBe(2);
    expect(openFrom([])).toBe(0);
  });

  it('refreshes from the first curve of an open trial, or one read while it ran', () => {
    const curves = [curve(0, 'COMPLETE'), curve(2, 'PRUNED'), curve(5, 'COMPLETE'), curve(7, 'RUNNING')];
    expect(curveRefreshOffset(curves, 3)).toBe(2);
    expect(curveRefreshOffset(curves, 6)).toBe(3);
    // A trial finished since the last read: its curve is read again once more.
    expect(curveRefreshOffset(curves, 8)).toBe(3);
    expect(curveRefreshOffset([curve(0, 'COMPLETE')], 1)).toBe(1);
    expect(curveRefreshOffset([], 0)).toBe(0);
  });

  it('puts a page of curves in place: a late trial between the kept curves and the later ones, a running curve grown', () => {
    const before = [curve(0, 'COMPLETE'), curve(2, 'PRUNED'), curve(5, 'RUNNING', [3])];
    const offset = curveRefreshOffset(before, openFrom([trial(0, 'COMPLETE'), trial(1, 'RUNNING'), trial(2, 'PRUNED'), trial(5, 'RUNNING')]));
    expect(offset).toBe(1);
    const page = [curve(1, 'RUNNING', [9]), curve(2, 'PRUNED'), curve(5, 'COMPLETE', [3, 2])];
    expect(withPage(before, page, offset, true)).toEqual([curve(0, 'COMPLETE'), ...page]);
  });
});
