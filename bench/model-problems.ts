import type { ObjectiveSpecInput } from '@attune/core/objective/objective-spec.schema';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';

/**
 * A benchmark problem of the measurement model: metrics, not one number. A
 * `constrained` problem is scored by how often a strategy reaches a feasible
 * point near the constrained optimum; a `pareto` one by the hypervolume of its
 * feasible non-dominated trials against the true front's.
 */
export type ModelProblem = ConstrainedProblem | ParetoProblem;

interface ModelProblemCommon {
  readonly name: string;
  /** What it is, with where its known answer comes from. */
  readonly description: string;
  readonly parameters: SearchSpace;
  /** The measurement-model fields of its study spec. */
  readonly spec: ObjectiveSpecInput;
  evaluate(params: Params): Record<string, number>;
}

export interface ConstrainedProblem extends ModelProblemCommon {
  readonly kind: 'constrained';
  /** The lowest objective over the feasible region. */
  readonly optimum: number;
}

export interface ParetoProblem extends ModelProblemCommon {
  readonly kind: 'pareto';
  /** The hypervolume's reference point, in losses (every objective minimised). */
  readonly reference: readonly number[];
  /** The true front's hypervolume against `reference`. */
  readonly trueHypervolume: number;
}

const unit = (n: number): SearchSpace => Array.from({ length: n }, (_, i) => ({ name: `x${i + 1}`, type: 'float', min: 0, max: 1 }));
const xs = (p: Params, n: number) => Array.from({ length: n }, (_, i) => p[`x${i + 1}`] as number);

function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

/**
 * Gardner et al. (2014), "Bayesian optimization with inequality constraints":
 * Branin on [-5, 10] × [0, 15] subject to (x1 − 2.5)² + (x2 − 7.5)² ≤ 50. The
 * disc keeps one of Branin's three global minima, (π, 2.275), and cuts off
 * (−π, 12.275) and (3π, 2.475). Constrained optimum 0.39788735772973816 at
 * (π, 2.275): scipy SLSQP from 500 random starts (and a 3001² grid of the
 * feasible region, 0.39790).
 */
const constrainedBranin: ConstrainedProblem = {
  kind: 'constrained',
  name: 'branin-constrained',
  description: 'Branin with (x1−2.5)² + (x2−7.5)² ≤ 50 (Gardner et al. 2014)',
  parameters: [
    { name: 'x1', type: 'float', min: -5, max: 10 },
    { name: 'x2', type: 'float', min: 0, max: 15 },
  ],
  spec: { objective: { metric: 'value', direction: 'minimize' }, constraints: [{ metric: 'disc', max: 50 }] },
  evaluate: (p) => {
    const [x1, x2] = [p.x1 as number, p.x2 as number];
    return { value: branin(x1, x2), disc: (x1 - 2.5) ** 2 + (x2 - 7.5) ** 2 };
  },
  optimum: 0.39788735772973816,
};

/**
 * ZDT1 (Zitzler, Deb & Thiele 2000) in 6 dimensions: f1 = x1,
 * g = 1 + 9·Σ_{i≥2} x_i / 5, f2 = g·(1 − √(f1/g)). True front f2 = 1 − √f1
 * (g = 1); its hypervolume against (1.1, 1.1) is ∫₀¹ (0.1 + √f1) df1 + 0.1·1.1
 * = 0.1 + 2/3 + 0.11.
 */
const zdt1: ParetoProblem = {
  kind: 'pareto',
  name: 'zdt1-6d',
  description: 'ZDT1, 6-D, two objectives',
  parameters: unit(6),
  spec: { objectives: [{ metric: 'f1', direction: 'minimize' }, { metric: 'f2', direction: 'minimize' }] },
  evaluate: (p) => {
    const x = xs(p, 6);
    const g = 1 + (9 * x.slice(1).reduce((s, v) => s + v, 0)) / 5;
    return { f1: x[0], f2: g * (1 - Math.sqrt(x[0] / g)) };
  },
  reference: [1.1, 1.1],
  trueHypervolume: 0.1 + 2 / 3 + 0.11,
};

/**
 * DTLZ2 (Deb, Thiele, Laumanns & Zitzler 2002) with 3 objectives in 6
 * dimensions: g = Σ_{i≥3} (x_i − 0.5)², f = (1 + g)·(c1·c2, c1·s2, s1) with
 * c_k, s_k the cosine and sine of x_k·π/2. True front: the unit sphere's
 * positive octant; its hypervolume against (1.1, 1.1, 1.1) is 1.1³ − π/6
 * (everything in the box outside the ball).
 */
const dtlz2: ParetoProblem = {
  kind: 'pareto',
  name: 'dtlz2-3obj-6d',
  description: 'DTLZ2, 6-D, three objectives',
  parameters: unit(6),
  spec: { objectives: [{ metric: 'f1', direction: 'minimize' }, { metric: 'f2', direction: 'minimize' }, { metric: 'f3', direction: 'minimize' }] },
  evaluate: (p) => {
    const x = xs(p, 6);
    const g = x.slice(2).reduce((s, v) => s + (v - 0.5) ** 2, 0);
    const [a, b] = [(x[0] * Math.PI) / 2, (x[1] * Math.PI) / 2];
    return { f1: (1 + g) * Math.cos(a) * Math.cos(b), f2: (1 + g) * Math.cos(a) * Math.sin(b), f3: (1 + g) * Math.sin(a) };
  },
  reference: [1.1, 1.1, 1.1],
  trueHypervolume: 1.1 ** 3 - Math.PI / 6,
};

export const MODEL_PROBLEMS: readonly ModelProblem[] = [constrainedBranin, zdt1, dtlz2];
