import { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { describe, expect, it } from 'vitest';
import { SOBOL_MAX_DIM } from '../numerics/sobol';
import { SobolDesign } from './sobol-design';

const space: SearchSpace = [
  { name: 'x', type: 'float', min: -5, max: 5 },
  { name: 'n', type: 'int', min: 0, max: 7 },
  { name: 'c', type: 'categorical', values: ['a', 'b', 'c', 'd'] },
];

describe('SobolDesign', () => {
  it('spreads its first 2^k points evenly over every parameter: one per eighth of a float, each int level and each category as often', () => {
    const design = SobolDesign.create(space, new Rng(7))!;
    const points = Array.from({ length: 8 }, (_, i) => design.at(i));
    expect(points.map((p) => Math.floor(((p.x as number) + 5) / 1.25)).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(points.map((p) => p.n).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(points.map((p) => p.c).sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']);
  });

  it('is the same for the same seed whatever the order of access, and another for another seed', () => {
    const a = SobolDesign.create(space, new Rng(1))!;
    const b = SobolDesign.create(space, new Rng(1))!;
    const late = b.at(5);
    expect(a.at(0)).toEqual(b.at(0));
    expect(a.at(5)).toEqual(late);
    expect(SobolDesign.create(space, new Rng(2))!.at(0)).not.toEqual(a.at(0));
  });

  it('has no design past the tabulated dimensions', () => {
    const wide: SearchSpace = Array.from({ length: SOBOL_MAX_DIM + 1 }, (_, i) => ({ name: `p${i}`, type: 'float', min: 0, max: 1 }));
    expect(SobolDesign.create(wide, new Rng(1))).toBeUndefined();
    expect(SobolDesign.create(wide.slice(1), new Rng(1))).toBeDefined();
  });
});
