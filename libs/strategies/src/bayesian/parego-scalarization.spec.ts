import { Rng } from '@attune/core/random/rng';
import { describe, expect, it } from 'vitest';
import { augmentedChebyshev, normalizeOverHistory, paregoLosses, simplexWeights } from './parego-scalarization';

describe('ParEGO scalarisation', () => {
  const rows = [
    [1, 10],
    [3, 0],
    [2, 5],
  ];

  it('normalises each objective to [0, 1] over the history; flat objectives are 0, infinities clip, NaN is worst', () => {
    expect(normalizeOverHistory(rows)).toEqual([
      [0, 1],
      [1, 0],
      [0.5, 0.5],
    ]);
    expect(normalizeOverHistory([[4, 1], [4, Infinity], [4, NaN], [4, 3]])).toEqual([
      [0, 0],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
  });

  it('scalarises by the augmented Chebyshev function (hand-computed, ρ = 0.05)', () => {
    // λ = (0.25, 0.75): max(λ·f) + 0.05·Σλ·f.
    expect(augmentedChebyshev([0, 1], [0.25, 0.75])).toBeCloseTo(0.75 + 0.05 * 0.75, 15);
    expect(augmentedChebyshev([1, 0], [0.25, 0.75])).toBeCloseTo(0.25 + 0.05 * 0.25, 15);
    expect(augmentedChebyshev([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.375 + 0.05 * 0.5, 15);
    expect(paregoLosses(rows, [0.25, 0.75]).map((v) => +v.toFixed(12))).toEqual([0.7875, 0.2625, 0.4]);
    // Three objectives, ρ given.
    expect(augmentedChebyshev([0.2, 0.9, 0.4], [0.5, 0.2, 0.3], 0.1)).toBeCloseTo(0.18 + 0.1 * (0.1 + 0.18 + 0.12), 15);
  });

  it('draws weights on the simplex, uniformly, from the seeded stream alone', () => {
    const draws = Array.from({ length: 4000 }, (_, i) => simplexWeights(Rng.derive(7, i), 3));
    for (const w of draws) {
      expect(w.every((v) => v >= 0)).toBe(true);
      expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(simplexWeights(Rng.derive(7, 5), 3)).toEqual(draws[5]);
    // Uniform on the 2-simplex: each weight has mean 1/3 and P(λ₁ < 0.5) = 1 − 0.5² = 0.75.
    for (let j = 0; j < 3; j++) expect(draws.reduce((a, w) => a + w[j], 0) / draws.length).toBeCloseTo(1 / 3, 1);
    expect(draws.filter((w) => w[0] < 0.5).length / draws.length).toBeCloseTo(0.75, 1);
  });
});
