import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng';
import { nonDominatedMask } from './non-dominated-mask';

describe('nonDominatedMask', () => {
  it('keeps the vectors no other dominates, equal ones all kept', () => {
    expect(nonDominatedMask([[1, 5], [2, 2], [3, 3], [5, 1], [2, 2], [1, 6]])).toEqual([true, true, false, true, true, false]);
  });

  it('is empty for no vectors and true for one', () => {
    expect(nonDominatedMask([])).toEqual([]);
    expect(nonDominatedMask([[3, 4, 5]])).toEqual([true]);
  });

  it('agrees with the O(N²) definition on random points in three dimensions', () => {
    const rng = new Rng(11);
    const random = () => rng.float();
    const points = Array.from({ length: 400 }, () => [random(), random(), Math.round(random() * 5)]);
    const naive = points.map((p, i) => !points.some((q, j) => j !== i && q.every((v, k) => v <= p[k]) && q.some((v, k) => v < p[k])));
    expect(nonDominatedMask(points)).toEqual(naive);
  });
});

