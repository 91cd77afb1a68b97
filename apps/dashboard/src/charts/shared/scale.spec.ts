import { describe, expect, it } from 'vitest';
import { categoricalScale, categoryAt, extent, fromUnit, numericScale, paddedScale, scaleTicks, toUnit } from './scale';
import { linearTicks, logTicks, niceStep } from './ticks';
import { formatTick } from './format-tick';

describe('ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(1, 4)).toBe(0.2);
    expect(niceStep(7, 1)).toBe(10);
  });

  it('puts round linear ticks inside the range, without floating-point dust', () => {
    expect(linearTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0.05, 0.35, 3)).toEqual([0.1, 0.2, 0.3]);
    expect(linearTicks(-7, 7, 3)).toEqual([-5, 0, 5]);
    expect(linearTicks(-7, 7, 2)).toEqual([-5, 0, 5]);
    expect(linearTicks(0.9, 1.1, 1)).toEqual([0.9, 1, 1.1]);
  });

  it('gives the one value of an empty range, and nothing for a reversed or infinite one', () => {
    expect(linearTicks(3, 3)).toEqual([3]);
    expect(linearTicks(4, 3)).toEqual([]);
    expect(linearTicks(0, Infinity)).toEqual([]);
  });

  it('puts log ticks on powers of ten, with 2 and 5 when the decades are few', () => {
    expect(logTicks(1, 1e6, 6)).toEqual([1, 10, 100, 1000, 1e4, 1e5, 1e6]);
    expect(logTicks(1, 1e6, 3)).toEqual([1, 100, 1e4, 1e6]);
    expect(logTicks(1, 100, 5)).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });

  it('takes every decade, then 2 and 5 too, before giving fewer than two ticks', () => {
    expect(logTicks(4, 4096, 3)).toEqual([10, 100, 1000]);
    expect(logTicks(3, 40, 2)).toEqual([5, 10, 20]);
  });

  it('falls back to linear ticks inside one decade, and gives none for values at or below 0', () => {
    expect(logTicks(2, 4, 4)).toEqual(linearTicks(2, 4, 4));
    expect(logTicks(0, 10)).toEqual([]);
  });

  it('labels ticks shortly', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.25)).toBe('0.25');
    expect(formatTick(25000)).toBe('25k');
    expect(formatTick(2e6)).toBe('2e6');
    expect(formatTick(1e-5)).toBe('1e-5');
    expect(formatTick(1234.5)).toBe('1235');
  });
});

describe('scales', () => {
  it('maps a linear scale onto [0, 1] and back', () => {
    const s = numericScale(10, 20);
    expect(toUnit(s, 15)).toBe(0.5);
    expect(fromUnit(s, 0.25)).toBe(12.5);
  });

  it('maps a log scale evenly by ratio, and cannot place values at or below 0', () => {
    const s = numericScale(1, 100, true);
    expect(toUnit(s, 10)).toBeCloseTo(0.5, 12);
    expect(fromUnit(s, 0.5)).toBeCloseTo(10, 12);
    expect(toUnit(s, 0)).toBeNaN();
    expect(toUnit(s, -1)).toBeNaN();
  });

  it('widens a single value so that it sits in the middle', () => {
    expect(toUnit(numericScale(5, 5), 5)).toBe(0.5);
    expect(toUnit(numericScale(0, 0), 0)).toBe(0.5);
    expect(toUnit(numericScale(3, 3, true), 3)).toBeCloseTo(0.5, 12);
  });

  it('cannot place a missing or non-numeric value', () => {
    const s = numericScale(0, 1);
    for (const v of [undefined, Number.NaN, Infinity, '0.5', true]) expect(toUnit(s, v)).toBeNaN();
  });

  it('centres each category in its band and tells 1 from "1"', () => {
    const s = categoricalScale(['a', 1, '1', true]);
    expect([toUnit(s, 'a'), toUnit(s, 1), toUnit(s, '1'), toUnit(s, true)]).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect(toUnit(s, 'b')).toBeNaN();
    expect(categoryAt(s, 0.3)).toBe(1);
    expect(categoryAt(s, 1)).toBe(true);
    expect(scaleTicks(s).map((t) => t.label)).toEqual(['a', '1', '1', 'true']);
  });

  it('labels every k-th category when there are many', () => {
    const s = categoricalScale(Array.from({ length: 30 }, (_, i) => `c${i}`));
    expect(scaleTicks(s, 5).map((t) => t.label)).toEqual(['c0', 'c3', 'c6', 'c9', 'c12', 'c15', 'c18', 'c21', 'c24', 'c27']);
  });

  it('finds the finite extent, positive only for a log scale', () => {
    expect(extent([3, Number.NaN, -2, 7, Infinity])).toEqual([-2, 7]);
    expect(extent([3, -2, 0, 7], true)).toEqual([3, 7]);
    expect(extent([])).toBeUndefined();
    expect(extent([Number.NaN])).toBeUndefined();
  });

  it('pads a data range at both ends, by ratio on a log scale', () => {
    expect(paddedScale([0, 10], false, 0.1)).toEqual({ kind: 'linear', min: -1, max: 11 });
    const log = paddedScale([1, 100], true, 0.5);
    expect(log.min).toBeCloseTo(0.1, 12);
    expect(log.max).toBeCloseTo(1000, 9);
  });
});
