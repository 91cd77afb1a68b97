import { describe, expect, it } from 'vitest';
import { objectivePairs, pairStaircase, paretoModel } from './pareto-model';
import { minimizeLatency, study, trial } from './testing/fixtures';

const twoObjectives = study({ kind: 'pareto', objectives: [{ metric: 'latency', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] });

describe('paretoModel', () => {
  const trials = [
    trial(0, { metrics: { latency: 10, rps: 100 } }),
    trial(1, { metrics: { latency: 5, rps: 80 } }),
    trial(2, { metrics: { latency: 12, rps: 90 } }),
    trial(3, { metrics: { latency: 1, rps: 500 }, feasible: false, violation: 0.3 }),
    trial(4, { metrics: { latency: 20, rps: 150 } }),
    trial(5, { metrics: { latency: 3 } }),
    trial(6, { state: 'FAILED' }),
  ];

  it('puts the feasible non-dominated trials on the front, respecting each direction, never an infeasible one', () => {
    const m = paretoModel(twoObjectives, trials);
    if (m.kind !== 'front') throw new Error(m.message);
    expect(m.points.map((p) => [trials[p.index].number, p.onFront, p.feasible])).toEqual([
      [0, true, true],
      [1, true, true],
      [2, false, true],
      [3, false, false],
      [4, true, true],
    ]);
    expect(m.frontSize).toBe(3);
    expect(m.summary).toBe('Pareto front of minimize latency, maximize rps: 3 of 5 completed trials are non-dominated and feasible, 1 infeasible.');
  });

  it('joins the front of a pair as a staircase in the values', () => {
    const m = paretoModel(twoObjectives, trials);
    if (m.kind !== 'front') throw new Error(m.message);
    expect(pairStaircase(m, 0, 1)).toEqual([
      [5, 80],
      [10, 80],
      [10, 100],
      [20, 100],
      [20, 150],
    ]);
  });

  it('carries the baseline when it has every objective', () => {
    const withBaseline = { ...twoObjectives, baseline: { number: 0, state: 'COMPLETE' as const, params: {}, metrics: { latency: 10, rps: 100 } } };
    const m = paretoModel(withBaseline, trials);
    expect(m.kind === 'front' && m.baseline).toEqual([10, 100]);
    const partial = { ...twoObjectives, baseline: { number: 0, state: 'COMPLETE' as const, params: {}, metrics: { latency: 10 } } };
    expect(paretoModel(partial, trials)).not.toHaveProperty('baseline');
  });

  it('has an empty front when nothing is feasible', () => {
    const m = paretoModel(twoObjectives, [trial(0, { metrics: { latency: 1, rps: 1 }, feasible: false })]);
    expect(m.kind === 'front' && m.frontSize).toBe(0);
    expect(m.kind === 'front' && pairStaircase(m, 0, 1)).toEqual([]);
  });

  it('says why there is no front', () => {
    expect(paretoModel(minimizeLatency(), trials)).toEqual({ kind: 'problem', message: 'A Pareto front needs several objectives; this study has one' });
    expect(paretoModel(twoObjectives, [trial(0, { state: 'RUNNING' })])).toEqual({ kind: 'problem', message: 'No completed trials with every objective yet' });
  });
});

describe('objectivePairs', () => {
  it('lists every pair once', () => {
    expect(objectivePairs(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(objectivePairs(2)).toEqual([[0, 1]]);
  });
});
