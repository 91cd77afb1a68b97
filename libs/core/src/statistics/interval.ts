/**
 * A point estimate with its confidence interval. `low` and `high` may be
 * -Infinity or Infinity when the data bound the quantity on one side only, or
 * on neither (see `fiellerRatio`).
 */
export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** The confidence level of every interval in verification: 95%, two-sided. */
export const CONFIDENCE = 0.95;

/** The significance level that goes with it. */
export const ALPHA = 1 - CONFIDENCE;
