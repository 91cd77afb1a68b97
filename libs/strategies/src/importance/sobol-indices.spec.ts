import { describe, expect, it } from 'vitest';
import { sobolIndices } from './sobol-indices';

const PI = Math.PI;
/** Ishigami (a = 7, b = 0.1) on [−π, π]³, the standard test of sensitivity estimators. */
const ishigami = (u: Float64Array) => {
  const [x1, x2, x3] = Array.from(u, (v) => -PI + 2 * PI * v);
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
};
// Analytic (Saltelli et al. 2008, §4.4; also SALib's and scipy's tests).
const ISHIGAMI_S1 = [0.3139, 0.4424, 0];
const ISHIGAMI_ST = [0.5576, 0.4424, 0.2437];

describe('sobolIndices', () => {
  it("recovers the Ishigami function's analytic indices", () => {
    // Measured with N = 1024 over seeds 0..29: largest error 0.040 (first-order, the noisier estimator) and 0.018 (total).
    // The tolerances sit just above, so an estimator off by a few hundredths (a wrong formula is off by tenths) fails.
    for (let seed = 0; seed < 5; seed++) {
      const { firstOrder, total, evaluations } = sobolIndices(ishigami, 3, { seed });
      expect(evaluations).toBe(1024 * 5);
      firstOrder.forEach((s, i) => expect(Math.abs(s - ISHIGAMI_S1[i])).toBeLessThan(0.045));
      total.forEach((s, i) => expect(Math.abs(s - ISHIGAMI_ST[i])).toBeLessThan(0.025));
    }
  });

  it('is unbiased on Ishigami: the mean over seeds is closer than any one estimate', () => {
    const runs = Array.from({ length: 10 }, (_, seed) => sobolIndices(ishigami, 3, { seed }));
    const mean = (pick: (r: (typeof runs)[number]) => number[], i: number) => runs.reduce((s, r) => s + pick(r)[i], 0) / runs.length;
    // Ten runs shrink the spread ~3×: within 0.015 of the analytic values.
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(mean((r) => r.firstOrder, i) - ISHIGAMI_S1[i])).toBeLessThan(0.015);
      expect(Math.abs(mean((r) => r.total, i) - ISHIGAMI_ST[i])).toBeLessThan(0.015);
    }
  });

  it('gives an additive function its variance shares, and an ignored input exactly 0', () => {
    // f = 4u₀ + 2u₁ + u₂ (u₃ unused): Var = (16 + 4 + 1)/12, shares 16/21, 4/21, 1/21, and no interaction, so S = ST.
    const { firstOrder, total, variance } = sobolIndices((u) => 4 * u[0] + 2 * u[1] + u[2], 4, { seed: 3 });
    const shares = [16 / 21, 4 / 21, 1 / 21, 0];
    expect(variance).toBeCloseTo(21 / 12, 2);
    shares.forEach((share, i) => {
      expect(firstOrder[i]).toBeCloseTo(share, 2);
      expect(total[i]).toBeCloseTo(share, 2);
    });
    // AB₃ differs from A only in the unused input: every term of both estimators is exactly 0.
    expect(firstOrder[3]).toBe(0);
    expect(total[3]).toBe(0);
  });

  it('is a function of the seed, and a constant function has no variance to share', () => {
    const f = (u: Float64Array) => u[0] * u[1];
    expect(sobolIndices(f, 2, { seed: 9 })).toEqual(sobolIndices(f, 2, { seed: 9 }));
    expect(sobolIndices(f, 2, { seed: 9 }).total).not.toEqual(sobolIndices(f, 2, { seed: 10 }).total);
    expect(sobolIndices(() => 5, 2)).toMatchObject({ firstOrder: [0, 0], total: [0, 0], variance: 0 });
  });

  it('samples beyond the tabulated Sobol dimensions by the seeded Rng', () => {
    // 40 inputs need 80 dimensions (more than the 64 tabulated): plain Monte Carlo, still right on a linear function.
    const { total } = sobolIndices((u) => 3 * u[0] + u[1], 40, { seed: 1, samples: 512 });
    expect(total[0]).toBeCloseTo(0.9, 1);
    expect(total[1]).toBeCloseTo(0.1, 1);
    expect(total.slice(2).every((t) => t === 0)).toBe(true);
  });

  it('refuses a sample size it cannot estimate from', () => {
    expect(() => sobolIndices(ishigami, 3, { samples: 1 })).toThrow(/samples/);
    expect(() => sobolIndices(ishigami, 0)).toThrow(/d must be/);
  });
});
