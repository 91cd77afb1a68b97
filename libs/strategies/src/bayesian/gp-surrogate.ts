import { Rng } from '@attune/core/random/rng';
import { fitHyperparameters } from '../gp/fit-hyperparameters';
import type { GpHyperparameters } from '../gp/gp-hyperparameters';
import { GpModel } from '../gp/gp-model';
import type { GpInputs } from '../gp/matern52.kernel';
import type { EncodedSpace } from './encoded-space';
import { anchorSize, dataKey, type HyperparameterCache } from './hyperparameter-cache';
import { fitOutputTransform, type FittedOutputTransform, type OutputTransform } from './output-transform';
import { selectTrainingSet, type Observation } from './training-set';

/** Settings of {@link buildSurrogate}. */
export interface SurrogateSettings {
  readonly seed: number;
  readonly outputTransform: OutputTransform;
  readonly maxModelPoints: number;
  readonly fitRestarts: number;
}

/** The fitted GP and the targets it was fitted to (transformed losses, lower is better). */
export interface Surrogate {
  readonly model: GpModel;
  readonly y: Float64Array;
  readonly observations: readonly Observation[];
  /** Losses to targets, as fitted to these observations. */
  readonly transform: FittedOutputTransform;
}

const FIT_PURPOSE = 0x6f17;
/** Largest training set whose between-anchor fits are refined from the anchor. */
const REFINE_UP_TO = 128;

/**
 * Fits the GP to the completed trials (ordered by number). Hyperparameters:
 * a full multi-start fit at the anchor size (see `anchorSize`) on the first
 * observations, then (for small training sets) a short warm-started refinement on all of them; both are
 * pure functions of the history and seed, memoised in `cache`. An observation's
 * `noiseVariance` enters the GP as that point's own noise, in the targets' scale.
 */
export function buildSurrogate(space: EncodedSpace, all: readonly Observation[], settings: SurrogateSettings, cache: HyperparameterCache): Surrogate {
  const observations = selectTrainingSet(all, settings.maxModelPoints, space);
  const { inputs, y, transform } = trainingData(space, observations, settings.outputTransform);
  const m = anchorSize(all.length);
  const anchorObs = m === all.length ? observations : selectTrainingSet(all.slice(0, m), settings.maxModelPoints, space);
  const anchor = m === all.length ? { inputs, y } : trainingData(space, anchorObs, settings.outputTransform);
  const anchorHyper = cache.getOrFit(dataKey('anchor', anchor.inputs, anchor.y), () =>
    fitHyperparameters(anchor.inputs, anchor.y, { rng: Rng.derive(settings.seed, m, FIT_PURPOSE), randomRestarts: settings.fitRestarts }),
  );
  let hyper: GpHyperparameters = anchorHyper;
  // Past a hundred or so points a refinement costs more than a proposal may: reuse the anchor's fit.
  if (m !== all.length && observations.length <= REFINE_UP_TO) {
    hyper = cache.getOrFit(dataKey(`refine:${m}`, inputs, y), () =>
      fitHyperparameters(inputs, y, { warmStarts: [anchorHyper], fixedStarts: false, maxIterations: 15 }),
    );
  }
  return { model: new GpModel(inputs, y, hyper), y, observations, transform };
}

function trainingData(space: EncodedSpace, obs: readonly Observation[], kind: OutputTransform): { inputs: GpInputs; y: Float64Array; transform: FittedOutputTransform } {
  const X = new Float64Array(obs.length * space.d);
  obs.forEach((o, i) => X.set(o.x, i * space.d));
  const transform = fitOutputTransform(obs.map((o) => o.loss), kind);
  const inputs: GpInputs = { X, n: obs.length, d: space.d, categorical: space.categorical };
  if (!obs.some((o) => o.noiseVariance !== undefined)) return { inputs, y: transform.y, transform };
  const pointNoise = Float64Array.from(obs, (o, i) => (o.noiseVariance ?? 0) * transform.slopes[i] ** 2);
  return { inputs: { ...inputs, pointNoise }, y: transform.y, transform };
}
