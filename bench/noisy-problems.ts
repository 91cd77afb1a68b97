import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { BenchProblem } from './bench-problems';

/** The noise's standard deviation as a fraction of the problem's range (max − min over the domain): "a few percent". */
export const NOISE_FRACTION = 0.03;

/**
 * A shared problem measured with Gaussian noise: what a strategy sees is
 * `truth(params) + N(0, sd)`; a study is scored by the noiseless `truth` of
 * the configuration it reports as its winner. Verification needs a baseline:
 * `baseline` is the problem's "default" configuration, the centre of its
 * space.
 */
export interface NoisyProblem {
  readonly name: string;
  readonly description: string;
  readonly parameters: SearchSpace;
  readonly optimum: number;
  /** max − min of the noiseless function over the domain, and where that comes from. */
  readonly range: number;
  readonly rangeSource: string;
  readonly sd: number;
  readonly baseline: Params;
  truth(params: Params): number;
}

/** The noisy variants: the shared problem, its range over the domain (scipy, see below). */
const VARIANTS = [
  // max 308.12909601160663 at (−5, 0): L-BFGS-B on −f from 300 uniform starts, scipy 1.x
  { base: 'branin', range: 308.12909601160663 - 0.39788735772973816, rangeSource: 'max 308.129 at (−5, 0), L-BFGS-B from 300 starts' },
  // max −2.95e−8 near (1, 1, 0.014, 1, 1, 1): same search; the function is ≤ 0 everywhere
  { base: 'hartmann6', range: -2.953008615656916e-8 + 3.322368011415515, rangeSource: 'max −2.95e−8 near (1, 1, 0.014, 1, 1, 1), L-BFGS-B from 300 starts' },
] as const;

/** The noisy problems made from the shared ones (`../shared/bench/problems.mjs`); one whose base is missing is left out. */
export function noisyProblems(shared: readonly BenchProblem[]): NoisyProblem[] {
  return VARIANTS.flatMap((v) => {
    const base = shared.find((p) => p.name === v.base);
    if (!base) return [];
    const sd = NOISE_FRACTION * v.range;
    return [
      {
        name: `${v.base}-noisy`,
        description: `${v.base} + N(0, ${sd.toPrecision(3)}²): σ = ${NOISE_FRACTION * 100}% of its range ${v.range.toPrecision(4)}`,
        parameters: base.parameters,
        optimum: base.optimum,
        range: v.range,
        rangeSource: v.rangeSource,
        sd,
        baseline: centre(base.parameters),
        truth: (params: Params) => base.evaluate(params),
      },
    ];
  });
}

/** Names of the noisy problems, for `--problems-filter`. */
export const NOISY_PROBLEM_NAMES: readonly string[] = VARIANTS.map((v) => `${v.base}-noisy`);

/** The middle of every float parameter's range (these problems have floats only). */
function centre(space: SearchSpace): Params {
  const params: Params = {};
  for (const p of space) {
    if (p.type !== 'float') throw new Error(`noisy problems take float parameters only; ${p.name} is ${p.type}`);
    params[p.name] = (p.min + p.max) / 2;
  }
  return params;
}
