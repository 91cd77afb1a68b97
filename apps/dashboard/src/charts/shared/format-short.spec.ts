import { describe, expect, it } from 'vitest';
import { formatShort } from './format-short';

describe('formatShort', () => {
  it('keeps four significant digits, exponents for extremes', () => {
    expect([134.38642, 0.0012346, 12345678, 0, -2.5, 1e-5, Number.NaN].map(formatShort)).toEqual(['134.4', '0.001235', '1.235e+7', '0', '-2.5', '1e-5', 'NaN']);
  });
});
