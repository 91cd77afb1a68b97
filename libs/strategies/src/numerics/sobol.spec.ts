import { Rng } from '@attune/core/random/rng';
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/numerics.fixture.json';
import { SobolSequence } from './sobol';

describe('SobolSequence', () => {
  it('matches scipy qmc.Sobol(scramble=False) on the first 32 points in 5-D', () => {
    const pts = new SobolSequence(fixture.sobol.dim).take(32);
    pts.forEach((p, i) => fixture.sobol.points[i].forEach((v, d) => expect(p[d]).toBe(v)));
  });

  it('scrambled: deterministic per seed, inside [0,1), one point per 1/16 cell of each axis', () => {
    const a = new SobolSequence(6, Rng.derive(1, 2)).take(16);
    const b = new SobolSequence(6, Rng.derive(1, 2)).take(16);
    const c = new SobolSequence(6, Rng.derive(1, 3)).take(16);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (let d = 0; d < 6; d++) {
      const cells = new Set(a.map((p) => Math.floor(p[d] * 16)));
      expect(cells.size).toBe(16);
      a.forEach((p) => expect(p[d] >= 0 && p[d] < 1).toBe(true));
    }
  });

  it('rejects dimensions it has no direction numbers for', () => {
    expect(() => new SobolSequence(0)).toThrow(RangeError);
    expect(() => new SobolSequence(65)).toThrow(RangeError);
  });
});
