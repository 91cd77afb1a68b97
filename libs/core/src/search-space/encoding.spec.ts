import { describe, expect, it } from 'vitest';
import { isInDomain, levelCount, numericFromUnit, numericToUnit, snapNumeric } from './encoding';
import type { NumericParameter } from './parameter';

describe('snapNumeric', () => {
  it('keeps decimal steps free of binary noise: the level is the double nearest to min + k·step', () => {
    const p: NumericParameter = { name: 'r', type: 'float', min: 0, max: 1, step: 0.1 };
    expect(snapNumeric(p, 0.31)).toBe(0.3);
    expect(snapNumeric(p, 0.7)).toBe(0.7);
    expect(Array.from({ length: 11 }, (_, k) => numericFromUnit(p, (k + 0.5) / 11))).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('stays on an int grid up to 2^53, where 12 significant digits would not', () => {
    const p: NumericParameter = { name: 'n', type: 'int', min: 1, max: 8_999_999_999_999_998, step: 3 };
    expect(snapNumeric(p, 3_000_000_000_000_001)).toBe(3_000_000_000_000_001);
    expect(snapNumeric(p, 3_000_000_000_000_002)).toBe(3_000_000_000_000_001);
    for (let u = 0; u <= 1; u += 0.0625) expect((numericFromUnit(p, u) - 1) % 3).toBe(0);
  });

  it('keeps fine float steps apart', () => {
    const p: NumericParameter = { name: 'f', type: 'float', min: 1, max: 1.000001, step: 1e-12 };
    expect(levelCount(p)).toBe(1_000_001);
    expect(snapNumeric(p, 1.000000000005)).toBe(1.000000000005);
    expect(snapNumeric(p, 1.0000000000051)).toBe(1.000000000005);
    expect(snapNumeric(p, 1.000000000006)).toBe(1.000000000006);
  });

  it('is exact far from 0 and on steps of many digits', () => {
    const p: NumericParameter = { name: 'f', type: 'float', min: 1e20, max: 1.5e20, step: 1e15 };
    expect(snapNumeric(p, 1.2345e20 + 4e14)).toBe(1.2345e20);
    const q: NumericParameter = { name: 'g', type: 'float', min: 0.123456789012345, max: 0.123456789012346, step: 1e-16 };
    expect(snapNumeric(q, 0.1234567890123455)).toBe(0.1234567890123455);
  });

  it('clamps, rounds ints and leaves continuous floats alone', () => {
    expect(snapNumeric({ name: 'n', type: 'int', min: 1, max: 64, log: true }, 7.6)).toBe(8);
    expect(snapNumeric({ name: 'x', type: 'float', min: -5, max: 10 }, 3.14159)).toBe(3.14159);
    expect(snapNumeric({ name: 'x', type: 'float', min: -5, max: 10 }, 11)).toBe(10);
    expect(snapNumeric({ name: 'x', type: 'float', min: 0, max: 1, step: 0.25 }, Number.NaN)).toBeNaN();
  });
});

describe('isInDomain', () => {
  it('takes exactly the levels, and nothing a relative tolerance would let through', () => {
    const p: NumericParameter = { name: 'n', type: 'int', min: 1, max: 8_999_999_999_999_998, step: 3 };
    expect(isInDomain(p, 3_000_000_000_000_001)).toBe(true);
    expect(isInDomain(p, 3_000_000_000_000_000)).toBe(false);
    const r: NumericParameter = { name: 'r', type: 'float', min: 0, max: 1, step: 0.1 };
    expect(isInDomain(r, 0.3)).toBe(true);
    expect(isInDomain(r, 0.1 + 0.2)).toBe(false);
  });

  it('round-trips every level through the unit interval', () => {
    const p: NumericParameter = { name: 'r', type: 'float', min: -1, max: 2, step: 0.05 };
    for (let k = 0; k <= 60; k++) {
      const v = numericFromUnit(p, (k + 0.5) / 61);
      expect(isInDomain(p, v)).toBe(true);
      expect(numericFromUnit(p, numericToUnit(p, v))).toBe(v);
    }
  });
});
