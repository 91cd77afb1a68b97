import { describe, expect, it } from 'vitest';
import type { TrialView } from '../trial/trial-view';
import { crowdingDistance } from './crowding-distance';
import { constrainedDominates, dominates } from './dominance';
import fixture from './fixtures/pareto.fixture.json';
import { hypervolume } from './hypervolume';
import { nonDominatedSort } from './non-dominated-sort';
import { objectiveLosses, paretoFront } from './pareto-front';

interface FixtureCase {
  name: string;
  points: number[][];
  reference?: number[];
  violation?: number[];
  hypervolume?: number;
  fronts?: number[][];
  crowding?: (number | 'Infinity')[][];
}
const cases = fixture.cases as FixtureCase[];

describe('dominance', () => {
  it('is Pareto dominance for minimisation: no worse everywhere, better somewhere', () => {
    expect(dominates([1, 2], [2, 2])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([1, 3], [2, 2])).toBe(false);
    expect(dominates([1, 2], [1, 2, 3])).toBe(false);
  });

  it('puts feasible before infeasible, less violation before more, then Pareto', () => {
    expect(constrainedDominates({ losses: [9, 9], violation: 0 }, { losses: [0, 0], violation: 0.1 })).toBe(true);
    expect(constrainedDominates({ losses: [0, 0], violation: 0.1 }, { losses: [9, 9], violation: 0 })).toBe(false);
    expect(constrainedDominates({ losses: [9, 9], violation: 1 }, { losses: [0, 0], violation: 2 })).toBe(true);
    expect(constrainedDominates({ losses: [0, 0], violation: 2 }, { losses: [9, 9], violation: 2 })).toBe(false);
    expect(constrainedDominates({ losses: [0, 1] }, { losses: [1, 1] })).toBe(true);
    expect(constrainedDominates({ losses: [0, 2] }, { losses: [1, 1] })).toBe(false);
  });
});

describe('non-dominated sorting and crowding distance', () => {
  it('sorts a hand-made set into its fronts', () => {
    const points = [[1, 4], [2, 2], [4, 1], [3, 3], [5, 5], [2, 2]].map((losses) => ({ losses }));
    expect(nonDominatedSort(points)).toEqual([[0, 1, 2, 5], [3], [4]]);
  });

  it('gives the extremes infinite distance and the rest their neighbours’ normalised gaps', () => {
    // Objective 1 ranges over 4, objective 2 over 3: point 1 has neighbours (0, 4) and (2, 1).
    const d = crowdingDistance([[0, 4], [1, 3], [2, 1], [4, 1]]);
    expect(d[0]).toBe(Infinity);
    expect(d[3]).toBe(Infinity);
    expect(d[1]).toBeCloseTo(2 / 4 + 3 / 3, 12);
    // Point 2 sits between 1 and 3 on objective 1, and at the low end of objective 2 (tie with 3, index order).
    expect(d[2]).toBe(Infinity);
    expect(crowdingDistance([[1, 1], [1, 1]])).toEqual([0, 0]);
    expect(crowdingDistance([[1e308, 0], [0, 1], [-1e308, 2]])[1]).toBeCloseTo(1 + 1, 12);
  });

  it.each(cases.filter((c) => c.fronts).map((c) => [c.name, c] as const))('matches Optuna on %s', (_name, c) => {
    const points = c.points.map((losses, i) => ({ losses, violation: c.violation?.[i] }));
    const fronts = nonDominatedSort(points);
    expect(fronts).toEqual(c.fronts);
    fronts.forEach((front, f) => {
      const distances = crowdingDistance(front.map((i) => c.points[i]));
      distances.forEach((d, k) => {
        const want = c.crowding![f][k];
        if (want === 'Infinity') expect(d).toBe(Infinity);
        else expect(d).toBeCloseTo(want, 10);
      });
    });
  });
});

describe('hypervolume', () => {
  it('is the area of the union of boxes in 2-D, and ignores points outside the reference', () => {
    expect(hypervolume([[1, 3], [2, 2], [3, 1]], [4, 4])).toBe(3 + 2 + 1);
    expect(hypervolume([[1, 3], [2, 2], [3, 1], [3, 3], [5, 0]], [4, 4])).toBe(6);
    expect(hypervolume([], [1, 1])).toBe(0);
  });

  it('is the volume of the union of boxes in 3-D and 4-D', () => {
    // Two unit-overlapping boxes: 2·2·1 + 1·2·2 − 1·2·1.
    expect(hypervolume([[0, 0, 1], [1, 0, 0]], [2, 2, 2])).toBeCloseTo(4 + 4 - 2, 12);
    // A lone point, and the same point twice.
    expect(hypervolume([[0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]], [1, 1, 1, 1])).toBeCloseTo(0.0625, 12);
    // Three axis points in a cube of side 2: inclusion–exclusion of three 1×2×2 slabs.
    expect(hypervolume([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [2, 2, 2])).toBeCloseTo(3 * 4 - 3 * 2 + 1, 12);
  });

  it.each(cases.filter((c) => c.hypervolume !== undefined).map((c) => [c.name, c] as const))('matches Optuna’s WFG on %s', (_name, c) => {
    expect(hypervolume(c.points, c.reference!)).toBeCloseTo(c.hypervolume!, 10);
  });
});

describe('pareto front of trials', () => {
  const trial = (number: number, losses: number[] | undefined, extra: Partial<TrialView> = {}): TrialView => ({ number, state: 'COMPLETE', params: {}, losses, ...extra });

  it('keeps the non-dominated feasible COMPLETE trials, by number', () => {
    const trials: TrialView[] = [
      trial(4, [1, 1], { violation: 0.5 }), // dominates everything, but infeasible
      trial(0, [2, 3], { violation: 0 }),
      trial(1, [3, 2]),
      trial(2, [3, 3]),
      trial(3, undefined, { state: 'RUNNING' }),
      trial(5, [2, 3]),
      trial(6, [Number.NaN, 0]),
    ];
    expect(paretoFront(trials).map((t) => t.number)).toEqual([0, 1, 5]);
  });

  it('reads a single objective as [loss] and is empty when nothing is feasible', () => {
    expect(objectiveLosses({ loss: 3 })).toEqual([3]);
    expect(objectiveLosses({ loss: 3, losses: [1, 2] })).toEqual([1, 2]);
    expect(paretoFront([trial(0, undefined, { loss: 2 }), trial(1, undefined, { loss: 1 })]).map((t) => t.number)).toEqual([1]);
    expect(paretoFront([trial(0, [1, 2], { violation: 1 })])).toEqual([]);
  });
});
