import { describe, expect, it } from 'vitest';
import { contains, intervalsOverlap, intervalText } from '../../bench/demo/demo-figures';

const i = (low: number, high: number) => ({ estimate: (low + high) / 2, low, high });

describe('demo bench figures', () => {
  it('three intervals overlap when the largest low is at most the smallest high', () => {
    expect(intervalsOverlap([i(0.1, 0.3), i(0.2, 0.4), i(0.25, 0.5)])).toBe(true);
    expect(intervalsOverlap([i(0.1, 0.3), i(0.2, 0.4), i(0.31, 0.5)])).toBe(false);
    expect(intervalsOverlap([i(0.1, 0.3), i(0.3, 0.4)])).toBe(true);
    expect(intervalsOverlap([])).toBe(false);
  });

  it('contains is closed at both ends', () => {
    expect(contains(i(0.1, 0.3), 0.1)).toBe(true);
    expect(contains(i(0.1, 0.3), 0.3)).toBe(true);
    expect(contains(i(0.1, 0.3), 0.31)).toBe(false);
  });

  it('prints an interval as signed percentages', () => {
    expect(intervalText({ estimate: 0.123, low: 0.05, high: 0.196 })).toBe('+12.3% [+5.0%, +19.6%]');
    expect(intervalText({ estimate: -0.02, low: -0.1, high: 0.06 })).toBe('-2.0% [-10.0%, +6.0%]');
  });
});
