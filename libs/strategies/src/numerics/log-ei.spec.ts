import { describe, expect, it } from 'vitest';
import fixture from './fixtures/numerics.fixture.json';
import { logExpectedImprovement, logH, logHDerivative } from './log-ei';
import { stdNormalCdf, stdNormalLogCdf, stdNormalPdf } from './normal';

describe('normal distribution (via @stdlib)', () => {
  it.each(fixture.normal)('matches scipy at z=$z', ({ z, cdf, logcdf, pdf }) => {
    expect(stdNormalCdf(z)).toBeCloseTo(cdf, 14);
    expect(Math.abs(stdNormalLogCdf(z) - logcdf)).toBeLessThan(1e-12 * Math.max(1, Math.abs(logcdf)));
    expect(stdNormalPdf(z)).toBeCloseTo(pdf, 14);
  });
});

describe('log h (log-EI core, Ament et al. 2023)', () => {
  it.each(fixture.logH)('log h and its derivative match the 50-digit reference at z=$z', ({ z, logH: want, dlogH }) => {
    const got = logH(z);
    expect(Number.isFinite(got)).toBe(true);
    expect(Math.abs(got - want)).toBeLessThan(1e-11 * Math.max(1, Math.abs(want)));
    expect(Math.abs(logHDerivative(z) - dlogH)).toBeLessThan(1e-9 * Math.max(1, Math.abs(dlogH)));
  });

  it('is monotone increasing across the switch at z=-25', () => {
    let prev = -Infinity;
    for (let z = -30; z <= -20; z += 0.01) {
      const v = logH(z);
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
  });

  it('log EI = log σ + log h((best - mean)/σ), finite for a hopeless candidate', () => {
    expect(logExpectedImprovement(0, 4, 1)).toBeCloseTo(Math.log(2) + logH(0.5), 14);
    expect(Number.isFinite(logExpectedImprovement(100, 1e-6, 0))).toBe(true);
    expect(Number.isFinite(logExpectedImprovement(0, 0, 0))).toBe(true);
  });
});
