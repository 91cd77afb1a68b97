import type { TrialRow } from '@attune/core/api/responses';
import { describe, expect, it } from 'vitest';
import { parseConditions, queryTrials, type TrialQuery } from './trial-query';

const trial = (number: number, state: TrialRow['state'], params: TrialRow['params'], value?: number, metrics?: Record<string, number>): TrialRow => ({
  id: `t${number}`,
  studyId: 's',
  number,
  state,
  params,
  ...(value !== undefined && { value }),
  ...(metrics && { metrics }),
  createdAt: '2026-01-01T00:00:00Z',
});

const trials = [
  trial(0, 'COMPLETE', { threads: 4, codec: 'lz4' }, 12, { p99: 12, rps: 900 }),
  trial(1, 'FAILED', { threads: 8, codec: 'zstd' }),
  trial(2, 'COMPLETE', { threads: 16, codec: 'zstd' }, 9, { p99: 9, rps: 1200 }),
  trial(3, 'COMPLETE', { threads: 2, codec: 'lz4' }, 30, { p99: 30, rps: 400 }),
];
const query = (patch: Partial<TrialQuery>): TrialQuery => ({ states: new Set(), conditions: [], sort: { kind: 'number' }, descending: false, ...patch });
const numbers = (rows: TrialRow[]) => rows.map((t) => t.number);

describe('trial table query', () => {
  it('parses conditions and names the terms that are not', () => {
    expect(parseConditions('threads>=4  codec=lz4 nonsense p99<2e1')).toEqual({
      conditions: [
        { field: 'threads', op: '>=', value: '4' },
        { field: 'codec', op: '=', value: 'lz4' },
        { field: 'p99', op: '<', value: '2e1' },
      ],
      invalid: ['nonsense'],
    });
  });

  it('filters by state, by parameter and metric conditions, and by a brushed set', () => {
    expect(numbers(queryTrials(trials, query({ states: new Set(['FAILED']) })))).toEqual([1]);
    expect(numbers(queryTrials(trials, query({ conditions: parseConditions('threads>=4 codec=zstd').conditions })))).toEqual([1, 2]);
    expect(numbers(queryTrials(trials, query({ conditions: parseConditions('p99<20').conditions })))).toEqual([0, 2]);
    expect(numbers(queryTrials(trials, query({ conditions: parseConditions('value!=9').conditions })))).toEqual([0, 3]);
    expect(numbers(queryTrials(trials, query({ only: new Set([3, 1]) })))).toEqual([1, 3]);
  });

  it('sorts by value, parameter or metric, trials without one last either way', () => {
    expect(numbers(queryTrials(trials, query({ sort: { kind: 'value' } })))).toEqual([2, 0, 3, 1]);
    expect(numbers(queryTrials(trials, query({ sort: { kind: 'value' }, descending: true })))).toEqual([3, 0, 2, 1]);
    expect(numbers(queryTrials(trials, query({ sort: { kind: 'param', name: 'threads' }, descending: true })))).toEqual([2, 1, 0, 3]);
    expect(numbers(queryTrials(trials, query({ sort: { kind: 'param', name: 'codec' } })))).toEqual([0, 3, 1, 2]);
    expect(numbers(queryTrials(trials, query({ sort: { kind: 'metric', name: 'rps' }, descending: true })))).toEqual([2, 0, 3, 1]);
  });

  it('sorts by the last step reported, trials without steps last', () => {
    const stepped = [{ ...trials[0], lastStep: 9 }, { ...trials[1], state: 'PRUNED' as const, lastStep: 3 }, trials[2], { ...trials[3], lastStep: 0 }];
    expect(numbers(queryTrials(stepped, query({ sort: { kind: 'step' } })))).toEqual([3, 1, 0, 2]);
    expect(numbers(queryTrials(stepped, query({ sort: { kind: 'step' }, descending: true })))).toEqual([0, 1, 3, 2]);
  });
});
