import type { Interval } from '@attune/core/statistics/interval';

/** The verified intervals share a point: the largest low is at most the smallest high. */
export function intervalsOverlap(intervals: readonly Interval[]): boolean {
  if (intervals.length === 0) return false;
  return Math.max(...intervals.map((i) => i.low)) <= Math.min(...intervals.map((i) => i.high));
}

/** `x` lies in the closed interval. */
export function contains(interval: Interval, x: number): boolean {
  return interval.low <= x && x <= interval.high;
}

/** A relative improvement as a signed percentage, one decimal. */
export function pct(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
}

/** An interval as "+12.3% [+5.0%, +19.6%]". */
export function intervalText(i: Interval): string {
  return `${pct(i.estimate)} [${pct(i.low)}, ${pct(i.high)}]`;
}
