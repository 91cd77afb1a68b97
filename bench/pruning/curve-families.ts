import { Rng } from '@attune/core/random/rng';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';

/** Steps every trial of the benchmark reports when it is not pruned (its full evaluation). */
export const STEPS = 50;

/**
 * A family of learning-curve-like targets: a configuration's loss at step
 * t = 1..STEPS is an exponential approach to its asymptote, plus noise.
 */
export interface CurveFamily {
  readonly name: string;
  readonly summary: string;
  readonly space: SearchSpace;
  /** The loss a configuration tends to (its true quality). */
  asymptote(params: Params): number;
  /** The lowest asymptote over the space. */
  readonly optimum: number;
  /** The losses a trial of this configuration reports at steps 1..STEPS; the noise is drawn from `rng`. */
  curve(params: Params, rng: Rng): number[];
}

const unit = (name: string) => ({ name, type: 'float' as const, min: 0, max: 1 });

/** Branin on [-5, 10] × [0, 15]; minimum 0.397887357729738 (three minima). */
function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}

const HART3_A = [
  [3, 10, 30],
  [0.1, 10, 35],
  [3, 10, 30],
  [0.1, 10, 35],
];
const HART3_P = [
  [0.3689, 0.117, 0.2673],
  [0.4699, 0.4387, 0.747],
  [0.1091, 0.8732, 0.5547],
  [0.03815, 0.5743, 0.8828],
];
const HART_ALPHA = [1, 1.2, 3, 3.2];

/** Hartmann 3-D on [0, 1]³; minimum -3.86278214782076 at (0.114614, 0.555649, 0.852547). */
function hartmann3(x: readonly number[]): number {
  return -HART_ALPHA.reduce((s, a, i) => s + a * Math.exp(-HART3_A[i].reduce((e, aij, j) => e + aij * (x[j] - HART3_P[i][j]) ** 2, 0)), 0);
}

/** loss(t) = asymptote + gap·exp(-t/τ) + N(0, σ²) for t = 1..STEPS. */
function approach(asymptote: number, gap: number, tau: number, sigma: number, rng: Rng): number[] {
  return Array.from({ length: STEPS }, (_, i) => asymptote + gap * Math.exp(-(i + 1) / tau) + sigma * rng.normal());
}

/**
 * Every configuration learns at the same rate from the same distance above
 * its asymptote: the ranking at any step is the final ranking, blurred by
 * noise. The family where pruning should shine.
 */
export const informative: CurveFamily = {
  name: 'branin-informative',
  summary: 'Branin asymptote (2-D), gap 50, τ = 10 steps for all, noise σ 1',
  space: [unit('x1'), unit('x2')],
  asymptote: (p) => branin(-5 + 15 * (p.x1 as number), 15 * (p.x2 as number)),
  optimum: 0.397887357729738,
  curve(p, rng) {
    return approach(this.asymptote(p), 50, 10, 1, rng);
  },
};

/**
 * A learning rate trades speed for quality, as in training: lr = 1 learns in
 * about 2 steps but ends 0.8 worse than lr = 0, which needs about 12. Early
 * steps favour high rates, so curves cross and early rankings mislead
 * somewhat; the best configurations are the slow ones.
 */
export const crossing: CurveFamily = {
  name: 'hartmann3-crossing',
  summary: 'Hartmann3 asymptote + 0.8·lr (4-D), gap 3, τ = 2 + 10·(1 − lr) steps, noise σ 0.05',
  space: [unit('x1'), unit('x2'), unit('x3'), unit('lr')],
  asymptote: (p) => hartmann3([p.x1 as number, p.x2 as number, p.x3 as number]) + 0.8 * (p.lr as number),
  optimum: -3.86278214782076,
  curve(p, rng) {
    return approach(this.asymptote(p), 3, 2 + 10 * (1 - (p.lr as number)), 0.05, rng);
  },
};

export const FAMILIES: readonly CurveFamily[] = [informative, crossing];
