import { Rng } from '@attune/core/random/rng';
import { describe, expect, it } from 'vitest';
import { polynomialMove, polynomialStep } from './polynomial-move';

describe('polynomial mutation', () => {
  it('matches the formula of Deb’s NSGA-II code on hand-computed points', () => {
    // eta 1, y 0.5, u 0.25: value = 0.5 + 0.5 · 0.5² = 0.625, δ = √0.625 − 1 = −0.20943…
    expect(polynomialStep(0.5, 1, 0.25)).toBeCloseTo(0.2905694150420949, 14);
    // eta 20, y 0.5: value = 0.5 + 0.5 · 0.5^21, δ = value^(1/21) − 1 (python3, same formula)
    expect(polynomialStep(0.5, 20, 0.25)).toBeCloseTo(0.46753180049317733, 14);
    expect(polynomialStep(0.5, 20, 0.75)).toBeCloseTo(0.5324681995068227, 14);
    // Near a bound the step shrinks so that the child stays inside, symmetrically at both ends.
    expect(polynomialStep(0.1, 20, 0.01)).toBeCloseTo(0.0064868431994555, 14);
    expect(polynomialStep(0.9, 20, 0.99)).toBeCloseTo(0.9935131568005445, 14);
    expect(polynomialStep(0, 20, 0.3)).toBe(0);
    expect(polynomialStep(1, 20, 0.7)).toBe(1);
  });

  it('stays in [0, 1], moves both ways, and keeps children nearer with a larger eta', () => {
    const rng = new Rng(3);
    const meanStep = (eta: number) => {
      const move = polynomialMove(eta);
      const steps = Array.from({ length: 2000 }, () => {
        const y = rng.float();
        const moved = move(y, rng);
        expect(moved).toBeGreaterThanOrEqual(0);
        expect(moved).toBeLessThanOrEqual(1);
        return moved - y;
      });
      expect(steps.some((d) => d > 0) && steps.some((d) => d < 0)).toBe(true);
      return steps.reduce((s, d) => s + Math.abs(d), 0) / steps.length;
    };
    const wide = meanStep(1);
    const narrow = meanStep(20);
    // E|δ| = 1 / (eta + 2) away from the bounds: about 0.33 for eta 1, 0.045 for eta 20; less near the bounds.
    expect(wide).toBeGreaterThan(0.15);
    expect(narrow).toBeLessThan(0.05);
    expect(narrow).toBeGreaterThan(0.02);
  });
});
