import { AttuneError } from '@attune/core/errors/attune-error';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { EncodedSpace } from '../bayesian/encoded-space';
import { objectiveCount } from '../bayesian/study-history';
import { feasibleModelledTrials, fitHistorySurrogate, objectiveObservations } from '../recommendation/history-surrogate';
import { importanceNote } from './importance-note';
import { sobolIndices } from './sobol-indices';

/** Name of the method, as the API reports it. */
export const IMPORTANCE_METHOD = 'sobol-gp';
/** Base sample size of the Saltelli design: the GP's mean is evaluated 1024·(d + 2) times. */
export const IMPORTANCE_SAMPLES = 1024;

/** Fewest feasible completed trials importance is computed from: 10, and at least two per parameter. */
export function minImportanceTrials(space: SearchSpace): number {
  return Math.max(10, 2 * space.length);
}

// The GP's targets are standardised (variance 1): a mean that varies less than this over the space is flat.
const FLAT_VARIANCE = 1e-6;

/** Settings of {@link parameterImportance}. */
export interface ImportanceOptions {
  /** Seeds the GP's fit and the Sobol sequence (the study's seed). */
  readonly seed: number;
  /** Which objective of a study with several (index into `losses`). @default 0 */
  readonly objective?: number;
}

/** One parameter's share of the variance of the modelled objective. */
export interface ParameterShare {
  readonly name: string;
  /** Its total index divided by the sum of every parameter's: the shares sum to 1. */
  readonly importance: number;
  /** First-order Sobol index S_i (its effect alone), clamped to [0, 1]. */
  readonly firstOrder: number;
  /** Total Sobol index ST_i (alone and through interactions), clamped to [0, 1]. */
  readonly total: number;
}

/** What importance came to: the shares, most important first, or why there are none (never a throw for a short history). */
export type ParameterImportance =
  | {
      readonly kind: 'importance';
      readonly method: typeof IMPORTANCE_METHOD;
      /** Feasible completed trials modelled, and of them the GP's training points (at most 160). */
      readonly trials: number;
      readonly modelPoints: number;
      /** Evaluations of the GP's mean. */
      readonly evaluations: number;
      readonly parameters: readonly ParameterShare[];
      /** How it was computed, in a sentence or three. */
      readonly note: string;
    }
  | { readonly kind: 'problem'; readonly problem: string; readonly trials: number };

/**
 * Which parameters matter: variance-based global sensitivity (functional
 * ANOVA) of a GP's posterior mean fitted to the study's feasible completed
 * trials, over the whole search space taken uniformly in its unit-cube
 * encoding (log scales uniform in log, categoricals uniform over their
 * values, ints and steps on their levels). fANOVA (Hutter et al. 2014, and
 * Optuna's default evaluator) computes the same variance fractions on a
 * random forest; the GP is the model Attune already fits, smooth, and
 * separates noise from signal through its fitted noise (and the repeats'),
 * so a noisy parameter-free objective gives a flat model, not spurious
 * splits. Cost: one GP fit on at most 160 points, then 1024·(d + 2) mean
 * evaluations (measured with d = 10 and 160 points on a shared 2-core machine:
 * the fit ~1 s, the 12,288 evaluations ~0.2 s). Pure: a function of the trials and the seed.
 */
export function parameterImportance(space: SearchSpace, trials: readonly TrialView[], options: ImportanceOptions): ParameterImportance {
  const encoded = new EncodedSpace(space);
  const modelled = feasibleModelledTrials(trials, encoded);
  const k = options.objective ?? 0;
  if (modelled.length > 0 && !(Number.isInteger(k) && k >= 0 && k < objectiveCount(modelled))) {
    throw new AttuneError('INVALID_ARGUMENT', `objective ${k} is not one of the study's ${objectiveCount(modelled)}`, [{ path: 'objective', message: 'no such objective' }]);
  }
  const min = minImportanceTrials(space);
  if (modelled.length < min) return { kind: 'problem', problem: `needs at least ${min} completed feasible trials, has ${modelled.length}`, trials: modelled.length };
  const surrogate = fitHistorySurrogate(encoded, objectiveObservations(modelled, k), options.seed);
  const indices = sobolIndices((u) => surrogate.model.predictMean(encoded.fromUnitCube(u)), space.length, { samples: IMPORTANCE_SAMPLES, seed: options.seed });
  const shares = indices.variance > FLAT_VARIANCE ? sharesOf(space, indices.firstOrder, indices.total) : undefined;
  if (!shares) return { kind: 'problem', problem: 'the model fitted to the trials is flat: their differences look like noise, and no parameter stands out', trials: modelled.length };
  const counts = { trials: modelled.length, modelPoints: surrogate.observations.length, evaluations: indices.evaluations };
  return { kind: 'importance', method: IMPORTANCE_METHOD, ...counts, parameters: shares, note: importanceNote(counts) };
}

/** Clamped indices and normalised totals, most important first (ties by the space's order); undefined when every total is 0. */
function sharesOf(space: SearchSpace, firstOrder: readonly number[], total: readonly number[]): ParameterShare[] | undefined {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const totals = total.map(clamp);
  const sum = totals.reduce((s, v) => s + v, 0);
  if (!(sum > 0)) return undefined;
  const shares = space.map((p, i) => ({ name: p.name, importance: totals[i] / sum, firstOrder: clamp(firstOrder[i]), total: totals[i] }));
  return shares.map((s, i) => ({ s, i })).sort((a, b) => b.s.importance - a.s.importance || a.i - b.i).map(({ s }) => s);
}
