import { describe, expect, it } from 'vitest';
import type { VerifiedComparison } from '../client/api-types';
import { formatComparison } from './verification-text';

const comparison = (improvement: VerifiedComparison['improvement'], p: number, test: 'welch' | 'rank' = 'welch'): VerifiedComparison => ({
  improvement,
  p,
  test,
  significant: true,
  count: { candidate: 5, baseline: 5 },
});

describe('formatComparison', () => {
  it('writes the improvement, its 95% interval, the p-value and the test', () => {
    expect(formatComparison(comparison({ estimate: 0.382, low: 0.301, high: 0.46 }, 1.2e-4))).toBe('+38.2% [+30.1%, +46.0%] p=1.2e-4 (welch)');
    expect(formatComparison(comparison({ estimate: -0.05, low: -0.2, high: 0.1 }, 0.4567, 'rank'))).toBe('-5.0% [-20.0%, +10.0%] p=0.457 (rank)');
  });

  it('writes an end the data cannot bound (null in JSON) as infinite', () => {
    expect(formatComparison(comparison({ estimate: 0.5, low: 0.1, high: null }, 0.01))).toBe('+50.0% [+10.0%, +∞] p=0.010 (welch)');
  });
});
