import type { ImportanceJson } from '@attune/core/api/responses';
import { describe, expect, it } from 'vitest';
import { formatShare, importanceModel } from './importance-model';

const answer = (parameters: { name: string; importance: number; firstOrder: number; total: number }[]): ImportanceJson => ({
  method: 'sobol-gp',
  objective: 'latency',
  note: 'how it was computed',
  trials: 40,
  modelPoints: 40,
  evaluations: 4096,
  parameters,
});

describe('importanceModel', () => {
  it('orders the bars most important first, ties by name, and clamps the indices to [0, 1]', () => {
    const m = importanceModel(
      answer([
        { name: 'b', importance: 0.2, firstOrder: -0.01, total: 0.25 },
        { name: 'a', importance: 0.6, firstOrder: 0.5, total: 1.02 },
        { name: 'c', importance: 0.2, firstOrder: Number.NaN, total: 0.2 },
      ]),
    );
    expect(m.kind === 'bars' && m.bars).toEqual([
      { name: 'a', importance: 0.6, firstOrder: 0.5, total: 1 },
      { name: 'b', importance: 0.2, firstOrder: 0, total: 0.25 },
      { name: 'c', importance: 0.2, firstOrder: 0, total: 0.2 },
    ]);
    expect(m.kind === 'bars' && m.caption).toBe('sobol-gp on latency: 40 trials (40 in the model), 4096 evaluations');
    expect(m.kind === 'bars' && m.note).toBe('how it was computed');
    expect(m.kind === 'bars' && m.summary).toBe('Parameter importance for latency: a 60%, b 20%, c 20%.');
  });

  it('summarises the five most important and counts the rest', () => {
    const m = importanceModel(answer(Array.from({ length: 7 }, (_, i) => ({ name: `p${i}`, importance: (7 - i) / 28, firstOrder: 0, total: 0 }))));
    expect(m.kind === 'bars' && m.summary).toBe('Parameter importance for latency: p0 25%, p1 21%, p2 18%, p3 14%, p4 11%, and 2 more.');
  });

  it('says why there is no importance yet', () => {
    expect(importanceModel({ objective: 'latency', problem: 'needs at least 10 completed feasible trials, has 3', trials: 3 })).toEqual({
      kind: 'problem',
      message: 'No parameter importance for latency yet: needs at least 10 completed feasible trials, has 3',
    });
    expect(importanceModel(answer([])).kind).toBe('problem');
  });

  it('formats shares', () => {
    expect([0.46, 0.025, 0, 1, 0.0995].map(formatShare)).toEqual(['46%', '2.5%', '0.0%', '100%', '10%']);
  });
});
