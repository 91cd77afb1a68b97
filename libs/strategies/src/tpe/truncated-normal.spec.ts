import { Rng } from '@attune/core/random/rng';
import { describe, expect, it } from 'vitest';
import { sampleTruncatedNormal } from './truncated-normal';

describe('sampleTruncatedNormal', () => {
  it('stays inside the bounds, even for kernels at an edge or far narrower than the range', () => {
    const rng = new Rng(3);
    for (const [mu, sigma] of [[0, 1e-6], [1, 0.01], [0.5, 100], [0, 1], [0.999, 1e-9], [0.2, 0.05]]) {
      const xs = Array.from({ length: 2000 }, () => sampleTruncatedNormal(rng, mu, sigma, 0, 1));
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThanOrEqual(1);
    }
  });

  it('has the truncated mean and spread', () => {
    // N(0, 1) truncated to [0, ∞) has mean √(2/π) ≈ 0.7979; on [0, 1] with σ = 1 the mean is 0.4599.
    const rng = new Rng(11);
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += sampleTruncatedNormal(rng, 0, 1, 0, 1);
    expect(sum / n).toBeCloseTo(0.4599, 2);
  });

  it('is a pure function of the stream', () => {
    const a = Array.from({ length: 5 }, (_, i) => sampleTruncatedNormal(Rng.derive(1, i), 0.3, 0.1, 0, 1));
    const b = Array.from({ length: 5 }, (_, i) => sampleTruncatedNormal(Rng.derive(1, i), 0.3, 0.1, 0, 1));
    expect(a).toEqual(b);
  });
});
