import { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/parzen-fixture.json';
import { neighbourSigmas } from './kernel-bandwidth';
import { ParzenEstimator } from './parzen-estimator';
import { tpeDimensions } from './tpe-dimension';

// The fixture's three dimensions: a continuous [0, 1], an int with 5 levels, a categorical of 3.
const space: SearchSpace = [
  { name: 'x', type: 'float', min: 0, max: 1 },
  { name: 'k', type: 'int', min: 0, max: fixture.levels - 1 },
  { name: 'c', type: 'categorical', values: ['a', 'b', 'c'] },
];
const dims = tpeDimensions(space);

describe('ParzenEstimator', () => {
  it.each(fixture.cases.map((c, i) => [i, c] as const))('matches scipy log densities (case %i)', (_, c) => {
    const pe = ParzenEstimator.fit(
      dims,
      c.rows.map((r) => Float64Array.from(r)),
      c.weights,
      { priorWeight: fixture.priorWeight, magicClip: true, bandwidth: c.multivariate ? 'scott' : 'neighbour' },
    );
    c.points.forEach((p, i) => expect(pe.logPdf(Float64Array.from(p))).toBeCloseTo(c.logPdf[i], 5));
  });

  it('uses the neighbour bandwidth rule of univariate TPE', () => {
    neighbourSigmas(fixture.neighbourSigmas.mus).forEach((s, i) => expect(s).toBeCloseTo(fixture.neighbourSigmas.sigmas[i], 12));
  });

  it('samples rows inside the unit box with legal categories', () => {
    const c = fixture.cases[3];
    const pe = ParzenEstimator.fit(dims, c.rows.map((r) => Float64Array.from(r)), c.weights, {
      priorWeight: 1,
      magicClip: true,
      bandwidth: 'scott',
    });
    for (const row of pe.sample(new Rng(5), 500)) {
      expect(row[0]).toBeGreaterThanOrEqual(0);
      expect(row[0]).toBeLessThanOrEqual(1);
      expect([0, 1, 2]).toContain(row[2]);
      expect(Number.isFinite(pe.logPdf(row))).toBe(true);
    }
  });
});
