import { describe, expect, it } from 'vitest';
import { categorySpread, sliceModel } from './slice-model';
import { maximizeRps, minimizeLatency, trial, type StudyParameter } from './testing/fixtures';

const parameters: StudyParameter[] = [
  { name: 'lr', type: 'float', min: 0.001, max: 1, log: true },
  { name: 'mode', type: 'categorical', values: ['a', 'b'] },
];

describe('sliceModel', () => {
  const trials = [
    trial(2, { params: { lr: 0.1, mode: 'b' }, value: 5, feasible: false }),
    trial(0, { params: { lr: 0.001, mode: 'a' }, value: 9 }),
    trial(1, { params: { mode: 'a' }, value: 7 }),
    trial(3, { state: 'FAILED', params: { lr: 0.01, mode: 'a' } }),
    trial(4, { params: { lr: 1, mode: 'a' }, value: Number.NaN }),
  ];
  const m = sliceModel({ ...minimizeLatency(), parameters }, trials);

  it('has a panel per parameter, on the log axis of a log parameter', () => {
    expect(m.panels.map((p) => [p.parameter.name, p.scale.kind])).toEqual([
      ['lr', 'log'],
      ['mode', 'categorical'],
    ]);
  });

  it('places each completed trial with a value and a value of the parameter, coloured by trial order', () => {
    expect(m.panels[0].points.map((p) => [trials[p.index].number, Number(p.x.toFixed(12)), p.value, p.feasible, p.age])).toEqual([
      [2, Number((2 / 3).toFixed(12)), 5, false, 1],
      [0, 0, 9, true, 0],
    ]);
    expect(m.panels[1].points.map((p) => trials[p.index].number)).toEqual([2, 0, 1]);
    expect(m.yRange).toEqual([5, 9]);
    expect(m.numbers).toEqual([0, 2]);
    expect(m.canLog).toBe(true);
  });

  it('spreads a category within its band, the same way every time', () => {
    for (const p of m.panels[1].points) {
      const centre = trials[p.index].params.mode === 'a' ? 0.25 : 0.75;
      expect(Math.abs(p.x - centre)).toBeLessThanOrEqual(0.35 * 0.5);
      expect(p.x).toBe(centre + 0.5 * categorySpread(trials[p.index].number));
    }
    const spreads = Array.from({ length: 1000 }, (_, i) => categorySpread(i));
    expect(Math.min(...spreads)).toBeGreaterThanOrEqual(-0.35);
    expect(Math.max(...spreads)).toBeLessThanOrEqual(0.35);
    expect(Math.max(...spreads) - Math.min(...spreads)).toBeGreaterThan(0.6);
  });

  it('has empty panels and no range without completed trials, and reads parameters off trials when none are declared', () => {
    const empty = sliceModel({ ...maximizeRps(), parameters }, [trial(0, { state: 'RUNNING', params: { lr: 0.1 } })]);
    expect(empty.panels.every((p) => p.points.length === 0)).toBe(true);
    expect(empty.yRange).toBeUndefined();
    expect(empty.numbers).toBeUndefined();
    const inferred = sliceModel(maximizeRps(), [trial(0, { params: { x: 3 }, value: 1 })]);
    expect(inferred.panels.map((p) => [p.parameter.name, p.points.length])).toEqual([['x', 1]]);
    expect(inferred.panels[0].points[0].age).toBe(1);
  });

  it('refuses a log scale for values at or below 0', () => {
    expect(sliceModel({ ...minimizeLatency(), parameters }, [trial(0, { params: { lr: 0.1 }, value: 0 })]).canLog).toBe(false);
  });
});
