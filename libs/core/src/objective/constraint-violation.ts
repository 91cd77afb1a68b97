import type { Constraint } from './objective-spec.schema';

/** One broken bound: the constraint's metric, which bound, its limit, the trial's value and by how much it missed. */
export interface ConstraintViolation {
  readonly metric: string;
  readonly bound: 'min' | 'max';
  readonly limit: number;
  readonly value: number;
  /** How far past the limit, relative to it (see `excessOver`); above 0. */
  readonly excess: number;
}

export interface Feasibility {
  /** True when no constraint is broken: `violation` is 0. */
  readonly feasible: boolean;
  /** The sum of the violations' excesses: 0 when feasible, larger the further out. */
  readonly violation: number;
  readonly violations: readonly ConstraintViolation[];
}

/**
 * How a trial's aggregated metrics stand against the constraints. Each broken
 * bound counts its relative excess,
 *   max: (v - max) / |max|   when v > max,
 *   min: (min - v) / |min|   when v < min,
 * so that bounds in different units add up to one comparable number (10%
 * over a latency budget weighs as much as 10% under a throughput floor). A
 * bound of 0 has no scale: its excess is the absolute one, v - max or min - v,
 * in the metric's own units. Every constrained metric must be in `metrics`
 * (the caller checks it and fails the trial otherwise).
 */
export function checkConstraints(constraints: readonly Constraint[], metrics: Readonly<Record<string, number>>): Feasibility {
  const violations: ConstraintViolation[] = [];
  for (const c of constraints) {
    const value = metrics[c.metric];
    if (c.max !== undefined && value > c.max) violations.push({ metric: c.metric, bound: 'max', limit: c.max, value, excess: excessOver(value - c.max, c.max) });
    if (c.min !== undefined && value < c.min) violations.push({ metric: c.metric, bound: 'min', limit: c.min, value, excess: excessOver(c.min - value, c.min) });
  }
  const violation = violations.reduce((sum, v) => sum + v.excess, 0);
  return { feasible: violations.length === 0, violation, violations };
}

/**
 * Each constraint's signed slack, in the spec's order, on the same relative
 * scale as the excess: above 0 by the excess when broken, 0 or below (by how
 * much room is left) when kept; a range gives the larger of its two sides.
 * This is the `c(x) <= 0` convention of Optuna's constraints_func, and what a
 * strategy that models constraints (one surrogate per constraint) reads as
 * `TrialView.constraints`.
 */
export function constraintValues(constraints: readonly Constraint[], metrics: Readonly<Record<string, number>>): number[] {
  return constraints.map((c) => {
    const value = metrics[c.metric];
    const sides: number[] = [];
    if (c.max !== undefined) sides.push(excessOver(value - c.max, c.max));
    if (c.min !== undefined) sides.push(excessOver(c.min - value, c.min));
    return Math.max(...sides);
  });
}

/** A positive distance past a limit, relative to the limit's size; absolute for a limit of 0. */
function excessOver(distance: number, limit: number): number {
  return limit === 0 ? distance : distance / Math.abs(limit);
}
