import type { Interval } from '../statistics/interval';

/** An interval's two ends as a pair, when both are finite (JSON has no Infinity); undefined when the data left it unbounded. */
export function finiteOrUndefined(interval: Interval): [number, number] | undefined {
  return Number.isFinite(interval.low) && Number.isFinite(interval.high) ? [interval.low, interval.high] : undefined;
}
