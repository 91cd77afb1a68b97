/**
 * A point in objective space as the Pareto functions see it: one loss per
 * objective (lower is better) and, when the study has constraints, the total
 * violation (0 when feasible).
 */
export interface ParetoPoint {
  readonly losses: readonly number[];
  readonly violation?: number;
}

/**
 * Pareto dominance for minimisation: `a` is no worse than `b` in every
 * objective and better in at least one. Vectors of different lengths are
 * incomparable (neither dominates).
 */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

/** True when the point meets its constraints (a point without a violation has none to meet). */
export function isFeasible(point: Pick<ParetoPoint, 'violation'>): boolean {
  return !(point.violation! > 0);
}

/**
 * Constraint domination (Deb et al., NSGA-II): a feasible point beats an
 * infeasible one; of two infeasible points the smaller violation wins; two
 * feasible points compare by Pareto dominance.
 */
export function constrainedDominates(a: ParetoPoint, b: ParetoPoint): boolean {
  const feasibleA = isFeasible(a);
  const feasibleB = isFeasible(b);
  if (feasibleA && feasibleB) return dominates(a.losses, b.losses);
  if (feasibleA !== feasibleB) return feasibleA;
  return (a.violation as number) < (b.violation as number);
}
