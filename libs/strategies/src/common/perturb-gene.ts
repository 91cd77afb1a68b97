import type { Rng } from '@attune/core/random/rng';
import { levelCount, numericFromUnit, numericToUnit, snapNumeric } from '@attune/core/search-space/encoding';
import type { NumericParameter, Parameter } from '@attune/core/search-space/parameter';

/** Where a numeric gene in [0, 1] moves to, in [0, 1]: the continuous part of a mutation. */
export type UnitMove = (gene: number, rng: Rng) => number;

/** Gaussian noise of standard deviation `scale` in unit space, reflected at the bounds. */
export const gaussianMove =
  (scale: number): UnitMove =>
  (gene, rng) =>
    reflect(gene + scale * rng.normal());

/**
 * A type-aware move of one gene (see `Genome`): a continuous float gets
 * gaussian noise of `scale` in unit space (reflected at the bounds); an int
 * or stepped float does the same but always lands on another level (±1 step
 * at least); a categorical takes a uniformly chosen other value.
 */
export function perturbGene(p: Parameter, gene: number, scale: number, rng: Rng): number {
  return moveGene(p, gene, gaussianMove(scale), rng);
}

/** `perturbGene` with another continuous move than gaussian noise (see `UnitMove`). */
export function moveGene(p: Parameter, gene: number, move: UnitMove, rng: Rng): number {
  if (p.type === 'categorical') {
    const n = p.values.length;
    return n < 2 ? gene : (Math.round(gene) + rng.int(1, n - 1)) % n;
  }
  const moved = move(gene, rng);
  const levels = levelCount(p);
  if (levels === undefined) return moved;
  if (levels < 2) return gene;
  const from = numericFromUnit(p, gene);
  const to = numericFromUnit(p, moved);
  return numericToUnit(p, to !== from ? to : oneStep(p, from, rng.float() < 0.5 ? -1 : 1));
}

/** The neighbouring level of `value` in direction `sign`, bouncing at the bounds. */
function oneStep(p: NumericParameter, value: number, sign: number): number {
  const step = p.step ?? 1;
  const next = value + sign * step;
  return snapNumeric(p, next < p.min || next > p.max ? value - sign * step : next);
}

/** Folds a number back into [0, 1] by reflection at the bounds. */
export function reflect(x: number): number {
  if (!Number.isFinite(x)) return 0.5;
  let y = Math.abs(x) % 2;
  if (y > 1) y = 2 - y;
  return y;
}
