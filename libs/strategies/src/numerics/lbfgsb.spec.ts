import { describe, expect, it } from 'vitest';
import fixture from './fixtures/numerics.fixture.json';
import { minimizeBounded } from './lbfgsb';

function rosen(x: Float64Array, g: Float64Array): number {
  const [a, b] = [x[0], x[1]];
  g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
  g[1] = 200 * (b - a * a);
  return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
}

describe('minimizeBounded (projected L-BFGS)', () => {
  it('finds the Rosenbrock-2D minimum (1, 1) from (-1.2, 1)', () => {
    const r = minimizeBounded(rosen, [-1.2, 1], { pgtol: 1e-8 });
    expect(r.x[0]).toBeCloseTo(fixture.lbfgsb.rosenFree.x[0], 4);
    expect(r.x[1]).toBeCloseTo(fixture.lbfgsb.rosenFree.x[1], 4);
    expect(r.f).toBeLessThan(1e-8);
  });

  it('matches scipy L-BFGS-B when a bound cuts Rosenbrock', () => {
    const { bounds, x, f } = fixture.lbfgsb.rosenBounded;
    const r = minimizeBounded(rosen, [-1.2, 1], { lower: bounds.map((b) => b[0]), upper: bounds.map((b) => b[1]), pgtol: 1e-9 });
    expect(r.x[0]).toBeCloseTo(x[0], 5);
    expect(r.x[1]).toBeCloseTo(x[1], 5);
    expect(r.f).toBeCloseTo(f, 8);
  });

  it('matches scipy on a bounded quadratic with active bounds', () => {
    const { Q, c, bounds, x, f } = fixture.lbfgsb.quadratic;
    const fn = (p: Float64Array, g: Float64Array) => {
      let v = 0;
      for (let i = 0; i < 3; i++) {
        let qi = 0;
        for (let j = 0; j < 3; j++) qi += Q[i * 3 + j] * (p[j] - c[j]);
        g[i] = 2 * qi;
        v += (p[i] - c[i]) * qi;
      }
      return v;
    };
    const r = minimizeBounded(fn, [0, 0, 0], { lower: bounds.map((b) => b[0]), upper: bounds.map((b) => b[1]), pgtol: 1e-10 });
    for (let i = 0; i < 3; i++) expect(r.x[i]).toBeCloseTo(x[i], 6);
    expect(r.f).toBeCloseTo(f, 8);
    expect(r.converged).toBe(true);
  });

  it('stays inside the bounds and survives a NaN region', () => {
    const fn = (p: Float64Array, g: Float64Array) => {
      g[0] = 2 * (p[0] - 3);
      return p[0] > 2.5 ? NaN : (p[0] - 3) ** 2;
    };
    const r = minimizeBounded(fn, [0], { lower: [-1], upper: [2.9] });
    expect(r.x[0]).toBeLessThanOrEqual(2.5);
    expect(r.x[0]).toBeGreaterThan(2);
  });
});
