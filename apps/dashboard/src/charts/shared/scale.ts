import type { ParamValue } from '@attune/core/search-space/parameter';
import { formatTick } from './format-tick';
import { linearTicks, logTicks } from './ticks';

/**
 * An axis's mapping of values to the unit interval [0, 1] (the chart then
 * maps the unit to pixels): linear, logarithmic, or one equal band per
 * category with the value at the band's centre.
 */
export interface NumericScale {
  readonly kind: 'linear' | 'log';
  readonly min: number;
  readonly max: number;
}

export interface CategoricalScale {
  readonly kind: 'categorical';
  readonly values: readonly ParamValue[];
  /** Position of each value in `values` (SameValueZero: 1 and "1" are different categories). */
  readonly index: ReadonlyMap<ParamValue, number>;
}

export type Scale = NumericScale | CategoricalScale;

export interface Tick {
  readonly unit: number;
  readonly label: string;
}

/** A linear or log scale over [min, max]; a single value is widened so that it sits in the middle. */
export function numericScale(min: number, max: number, log = false): NumericScale {
  if (max > min) return { kind: log ? 'log' : 'linear', min, max };
  if (log) return { kind: 'log', min: min / 2, max: min * 2 };
  const half = min === 0 ? 1 : Math.abs(min) * 0.1;
  return { kind: 'linear', min: min - half, max: min + half };
}

export function categoricalScale(values: readonly ParamValue[]): CategoricalScale {
  return { kind: 'categorical', values, index: new Map(values.map((v, i) => [v, i])) };
}

/** Where a value sits in [0, 1]; NaN when the scale cannot place it (not finite, not above 0 on a log scale, not a listed category). */
export function toUnit(scale: Scale, value: unknown): number {
  if (scale.kind === 'categorical') {
    const i = scale.index.get(value as ParamValue);
    return i === undefined ? Number.NaN : (i + 0.5) / scale.values.length;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return Number.NaN;
  if (scale.kind === 'linear') return (value - scale.min) / (scale.max - scale.min);
  return value > 0 ? Math.log(value / scale.min) / Math.log(scale.max / scale.min) : Number.NaN;
}

/** The value at a unit position of a numeric scale (the inverse of `toUnit`). */
export function fromUnit(scale: NumericScale, unit: number): number {
  if (scale.kind === 'linear') return scale.min + unit * (scale.max - scale.min);
  return scale.min * (scale.max / scale.min) ** unit;
}

/** The category whose band holds a unit position, clamped to the list. */
export function categoryAt(scale: CategoricalScale, unit: number): ParamValue {
  const n = scale.values.length;
  return scale.values[Math.min(n - 1, Math.max(0, Math.floor(unit * n)))];
}

/** About `count` labelled ticks; every category for a categorical scale (every k-th when there are more than `count` · 2). */
export function scaleTicks(scale: Scale, count = 5): Tick[] {
  if (scale.kind === 'categorical') {
    const every = Math.max(1, Math.ceil(scale.values.length / (count * 2)));
    return scale.values.flatMap((v, i) => (i % every === 0 ? [{ unit: (i + 0.5) / scale.values.length, label: String(v) }] : []));
  }
  const values = scale.kind === 'log' ? logTicks(scale.min, scale.max, count) : linearTicks(scale.min, scale.max, count);
  return values.map((v) => ({ unit: toUnit(scale, v), label: formatTick(v) }));
}

/**
 * The smallest and largest finite values (above 0 when `positive`), or
 * undefined when there are none.
 */
export function extent(values: Iterable<number>, positive = false): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (positive && v <= 0)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}

/** A data scale with `fraction` of its span added at each end (in log space for a log scale), so no point sits on the frame. */
export function paddedScale(range: readonly [number, number], log: boolean, fraction = 0.05): NumericScale {
  const base = numericScale(range[0], range[1], log);
  if (base.kind === 'log') {
    const ratio = (base.max / base.min) ** fraction;
    return { kind: 'log', min: base.min / ratio, max: base.max * ratio };
  }
  const pad = (base.max - base.min) * fraction;
  return { kind: 'linear', min: base.min - pad, max: base.max + pad };
}
