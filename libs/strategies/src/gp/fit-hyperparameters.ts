import type { Rng } from '@attune/core/random/rng';
import { minimizeBounded } from '../numerics/lbfgsb';
import { defaultHyperparameters, fromRaw, rawBounds, toRaw, type GpHyperparameters } from './gp-hyperparameters';
import { NegativeLogPosterior } from './log-marginal-likelihood';
import type { GpInputs } from './matern52.kernel';

/** Options of {@link fitHyperparameters}. */
export interface FitOptions {
  /** Starting points besides the fixed ones, drawn from `rng`. @default 2 */
  readonly randomRestarts?: number;
  /** Source of the random restarts (derive it from seed and history for determinism). */
  readonly rng?: Rng;
  /** Extra starting points tried first, e.g. a previous fit. @default [] */
  readonly warmStarts?: readonly GpHyperparameters[];
  /** Also start from Optuna's default point and a short-length-scale point. @default true */
  readonly fixedStarts?: boolean;
  /** L-BFGS iterations per start. @default 100 */
  readonly maxIterations?: number;
  /** Projected-gradient tolerance (Optuna uses 1e-2 too: tighter is noise). @default 1e-2 */
  readonly pgtol?: number;
}

/**
 * Maximum a posteriori hyperparameters: the log marginal likelihood plus weak
 * priors, maximised by bounded L-BFGS from every start (warm starts, Optuna's
 * default point, a short-length-scale point, seeded random points); the best
 * finite result wins. Never throws: falls back to the default point.
 */
export function fitHyperparameters(inputs: GpInputs, y: Float64Array, options: FitOptions = {}): GpHyperparameters {
  const d = inputs.d;
  const objective = new NegativeLogPosterior(inputs, y);
  const { lower, upper } = rawBounds(d);
  const starts: Float64Array[] = (options.warmStarts ?? []).map(toRaw);
  if (options.fixedStarts ?? true) {
    starts.push(toRaw(defaultHyperparameters(d)));
    starts.push(toRaw({ inverseSquaredLengthScales: new Float64Array(d).fill(10), signalVariance: 1, noiseVariance: 1e-3 }));
  }
  const restarts = options.randomRestarts ?? 2;
  for (let r = 0; r < restarts && options.rng; r++) {
    const raw = new Float64Array(d + 2);
    for (let l = 0; l < d; l++) raw[l] = options.rng.uniform(Math.log(0.3), Math.log(100));
    raw[d] = options.rng.uniform(Math.log(0.5), Math.log(2));
    raw[d + 1] = options.rng.uniform(Math.log(1e-5), Math.log(1e-1));
    starts.push(raw);
  }
  let best: { f: number; x: Float64Array } | undefined;
  for (const start of starts) {
    const res = minimizeBounded(objective.evaluate, start, {
      lower, upper, pgtol: options.pgtol ?? 1e-2, maxIterations: options.maxIterations ?? 100, memory: 10,
    });
    if (Number.isFinite(res.f) && (!best || res.f < best.f)) best = { f: res.f, x: res.x };
  }
  return best ? fromRaw(best.x) : defaultHyperparameters(d);
}
