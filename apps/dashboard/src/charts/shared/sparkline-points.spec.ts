import { describe, expect, it } from 'vitest';
import { sparklinePoints } from './sparkline-points';

describe('sparklinePoints', () => {
  it('spans the box inside its padding, higher values higher up', () => {
    expect(sparklinePoints([0, 5, 10], [1, 3, 2], 104, 24)).toBe('2,22 52,2 102,12');
  });

  it('centres one step and equal values, and skips pairs that are not numbers', () => {
    expect(sparklinePoints([3], [7], 100, 20)).toBe('50,10');
    expect(sparklinePoints([1, 2, 3], [4, Number.NaN, 4], 100, 20)).toBe('2,10 98,10');
    expect(sparklinePoints([], [], 100, 20)).toBe('');
  });
});
