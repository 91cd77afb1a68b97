import type { UnitMove } from './perturb-gene';

/**
 * Deb's bounded polynomial mutation (Deb & Goyal 1996, in the form of Deb's
 * NSGA-II code and pymoo) of a gene in [0, 1]: a perturbation whose density
 * falls off as (1 − |δ|)^eta, shrunk near a bound so that the child stays
 * inside. Larger `eta` keeps the child nearer (eta 20: |δ| about 0.05 on
 * average in mid-range).
 */
export const polynomialMove =
  (eta: number): UnitMove =>
  (gene, rng) =>
    polynomialStep(gene, eta, rng.float());

/** The polynomial mutation of `y` ∈ [0, 1] for the uniform draw `u` ∈ [0, 1). */
export function polynomialStep(y: number, eta: number, u: number): number {
  const power = 1 / (eta + 1);
  let delta: number;
  if (u < 0.5) {
    const value = 2 * u + (1 - 2 * u) * (1 - y) ** (eta + 1);
    delta = value ** power - 1;
  } else {
    const value = 2 * (1 - u) + 2 * (u - 0.5) * y ** (eta + 1);
    delta = 1 - value ** power;
  }
  return Math.min(1, Math.max(0, y + delta));
}
