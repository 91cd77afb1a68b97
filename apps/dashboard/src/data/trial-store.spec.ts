import type { TrialRow } from '@attune/core/api/responses';
import { describe, expect, it } from 'vitest';
import { pageOffsets, refreshOffset, withPage } from './trial-store';

const trial = (number: number, state: TrialRow['state']): TrialRow => ({ id: `t${number}`, studyId: 's', number, state, params: {}, createdAt: '2026-01-01T00:00:00Z' });

describe('trial store', () => {
  it('refreshes from the first trial that may still change', () => {
    expect(refreshOffset([trial(0, 'COMPLETE'), trial(1, 'FAILED'), trial(2, 'RUNNING'), trial(3, 'COMPLETE')])).toBe(2);
    expect(refreshOffset([trial(0, 'COMPLETE'), trial(1, 'CANCELLED')])).toBe(2);
    expect(refreshOffset([])).toBe(0);
  });

  it('puts a page in place and drops what followed once the read reached the end', () => {
    const before = [trial(0, 'COMPLETE'), trial(1, 'RUNNING'), trial(2, 'QUEUED')];
    const page = [trial(1, 'COMPLETE'), trial(2, 'RUNNING'), trial(3, 'QUEUED')];
    expect(withPage(before, page, 1, true).map((t) => [t.number, t.state])).toEqual([
      [0, 'COMPLETE'],
      [1, 'COMPLETE'],
      [2, 'RUNNING'],
      [3, 'QUEUED'],
    ]);
    expect(withPage(before, [trial(0, 'COMPLETE')], 0, false).map((t) => t.number)).toEqual([0, 1, 2]);
  });

  it('lists the pages of a read', () => {
    expect(pageOffsets(0, 2500, 1000)).toEqual([0, 1000, 2000]);
    expect(pageOffsets(1200, 2000, 1000)).toEqual([1200]);
    expect(pageOffsets(5, 5, 1000)).toEqual([]);
  });
});
