import { describe, expect, it } from 'vitest';
import { between, formatAge, formatDuration, formatImprovement, formatParam, formatValue } from './format';

describe('dashboard formats', () => {
  it('writes values as the CLI does, six significant digits at most', () => {
    expect(formatValue(12.3456789)).toBe('12.3457');
    expect(formatValue(-0.5)).toBe('-0.5');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(123456789)).toBe('1.2346e+8');
    expect(formatValue(0.00001234)).toBe('1.2340e-5');
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(Number.NaN)).toBe('—');
  });

  it('writes improvements as signed percentages', () => {
    expect(formatImprovement(0.253)).toBe('+25.3%');
    expect(formatImprovement(-0.1)).toBe('-10.0%');
    expect(formatImprovement(0)).toBe('0.0%');
    expect(formatImprovement(2.5)).toBe('+250%');
    expect(formatImprovement(undefined)).toBe('—');
  });

  it('writes durations and ages', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(7_800_000)).toBe('2 h 10 min');
    expect(formatDuration(undefined)).toBe('—');
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(formatAge('2026-12-04T11:59:50Z', now)).toBe('just now');
    expect(formatAge('2026-12-04T11:55:00Z', now)).toBe('5 min ago');
    expect(formatAge('2026-12-04T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAge('2026-12-02T12:00:00Z', now)).toBe('2 d ago');
    expect(between('2026-12-04T12:00:00Z', '2026-12-04T12:00:01.5Z')).toBe(1500);
    expect(between(undefined, '2026-12-04T12:00:00Z')).toBeUndefined();
  });

  it('writes parameters', () => {
    expect(formatParam(true)).toBe('true');
    expect(formatParam('lz4')).toBe('lz4');
    expect(formatParam(0.000012)).toBe('1.2000e-5');
  });
});
