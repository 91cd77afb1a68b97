import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, choleskyLogDet, choleskySolve, solveLower, solveUpper } from './cholesky';
import fixture from './fixtures/numerics.fixture.json';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-10) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol * Math.max(1, Math.abs(b[i])));
};

describe('cholesky', () => {
  const c = fixture.cholesky;
  const f = cholesky(Float64Array.from(c.A), c.n);

  it('matches numpy on an SPD matrix without jitter', () => {
    expect(f.jitter).toBe(0);
    close(f.L, c.L);
    expect(choleskyLogDet(f)).toBeCloseTo(c.logDet, 10);
  });

  it('solves triangular and full systems like scipy', () => {
    close(solveLower(f, c.b), c.lowerSolve);
    close(solveUpper(f, c.b), c.upperSolve);
    close(choleskySolve(f, c.b), c.solve);
    close(choleskyInverse(f), c.inverse);
  });

  it('escalates jitter on a singular matrix (duplicate rows) and stays finite', () => {
    const A = Float64Array.from([1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1]);
    const g = cholesky(A, 3);
    expect(g.jitter).toBeGreaterThan(0);
    expect(g.jitter).toBeLessThan(1e-3);
    expect(Array.from(g.L).every(Number.isFinite)).toBe(true);
    expect(Array.from(choleskySolve(g, [1, 1, 1])).every(Number.isFinite)).toBe(true);
  });

  it('factorises an all-zero matrix by jitter alone', () => {
    const g = cholesky(new Float64Array(4), 2);
    expect(g.jitter).toBeGreaterThan(0);
    expect(Array.from(g.L).every(Number.isFinite)).toBe(true);
  });
});
