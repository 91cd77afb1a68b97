import { describe, expect, it } from 'vitest';
import fixture from './fixtures/motpe-fixture.json';
import { motpeReferencePoint, selectHypervolumeSubset } from './hypervolume-subset';
import { motpeWeightsBelow } from './motpe-weights';
import type { TpeObservation } from './tpe-observations';
import { splitObservations } from './tpe-split';

/** A fixture case as TPE's observations: trial i has the i-th losses and, when constrained, Σ max(c, 0) as its violation. */
function observationsOf(c: (typeof fixture.cases)[number]): TpeObservation[] {
  return c.losses.map((losses, i) => {
    const o = { number: i, row: new Float64Array(0), losses };
    const slack = c.constraints?.[i];
    return slack ? { ...o, violation: slack.reduce((s, v) => s + Math.max(v, 0), 0) } : o;
  });
}

describe('MOTPE and constrained TPE split (Optuna 3.1 known answers)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { below, above } = splitObservations(observationsOf(c), c.nBelow);
    expect(below.map((o) => o.number)).toEqual(c.below);
    expect(above.map((o) => o.number)).toEqual(c.above);
    if (c.weightsBelow) motpeWeightsBelow(below).forEach((w, i) => expect(w).toBeCloseTo(c.weightsBelow![i], 12));
  });
});

describe('selectHypervolumeSubset', () => {
  it('takes the largest box first, then the point adding most to it', () => {
    // Reference (4, 4): boxes 3·1 = 3, 2·2 = 4, 1·3 = 3. After (2, 2), (1, 3) adds 1·1 and (3, 1) adds 1·1: the first on ties.
    expect(selectHypervolumeSubset([[1, 3], [2, 2], [3, 1]], 2, [4, 4])).toEqual([1, 0]);
  });

  it('sets the reference 10% beyond the worst values, on either side of zero, and EPS at zero', () => {
    expect(motpeReferencePoint([[1, -2, 0], [3, -4, 0]])).toEqual([3 * 1.1, -2 * 0.9, 1e-12]);
  });
});
