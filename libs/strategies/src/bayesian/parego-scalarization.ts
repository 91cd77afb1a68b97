import type { Rng } from '@attune/core/random/rng';

/** ρ of the augmented Chebyshev scalarisation: Knowles's value, small enough to keep the max term in charge. */
export const CHEBYSHEV_AUGMENTATION = 0.05;

/**
 * A weight vector drawn uniformly from the simplex {λ ≥ 0, Σλ = 1}
 * (normalised standard exponentials). ParEGO draws from a lattice on the
 * simplex; the continuous draw covers the same directions without a lattice
 * size to choose.
 */
export function simplexWeights(rng: Rng, m: number): number[] {
  const e = Array.from({ length: m }, () => -Math.log(1 - rng.float()));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * Each objective rescaled to [0, 1] over the rows (its smallest finite value
 * to 0, its largest to 1), so that weights compare objectives of any units.
 * A flat objective is 0 everywhere; infinities clip to the ends, NaN to 1.
 */
export function normalizeOverHistory(rows: readonly (readonly number[])[]): number[][] {
  const m = rows.length > 0 ? rows[0].length : 0;
  const bounds = Array.from({ length: m }, (_, j) => {
    const finite = rows.map((r) => r[j]).filter(Number.isFinite);
    return finite.length > 0 ? { lo: Math.min(...finite), hi: Math.max(...finite) } : { lo: 0, hi: 0 };
  });
  return rows.map((r) =>
    r.map((raw, j) => {
      // NaN counts as the worst value.
      const v = Number.isNaN(raw) ? Infinity : raw;
      const { lo, hi } = bounds[j];
      if (!(hi > lo)) return v > hi ? 1 : 0;
      return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
    }),
  );
}

/** The augmented Chebyshev scalarisation max_j λ_j f_j + ρ Σ_j λ_j f_j (Knowles 2006, eq. 2). */
export function augmentedChebyshev(f: readonly number[], weights: readonly number[], rho = CHEBYSHEV_AUGMENTATION): number {
  let max = -Infinity;
  let sum = 0;
  for (let j = 0; j < f.length; j++) {
    const w = weights[j] * f[j];
    max = Math.max(max, w);
    sum += w;
  }
  return max + rho * sum;
}

/**
 * ParEGO's scalar losses (Knowles 2006): the objectives normalised over the
 * history, then scalarised with one weight vector. Minimising them for ever
 * new weights spreads proposals along the whole Pareto front, and any
 * single-objective acquisition applies.
 */
export function paregoLosses(rows: readonly (readonly number[])[], weights: readonly number[]): number[] {
  return normalizeOverHistory(rows).map((f) => augmentedChebyshev(f, weights));
}
