import type { EncodedSpace } from './encoded-space';
import { buildSurrogate, type SurrogateSettings } from './gp-surrogate';
import type { HyperparameterCache } from './hyperparameter-cache';
import type { ConstraintModel } from './probability-of-feasibility';
import { constraintObservations, type ModelledTrial } from './study-history';

/**
 * One GP per constraint on its standardised slack (no log warp: the threshold
 * must stay where the slack is 0), with the objective's fit schedule and
 * cache; its threshold is the target of slack 0. Empty without constraints.
 */
export function fitConstraintModels(space: EncodedSpace, history: readonly ModelledTrial[], settings: SurrogateSettings, cache: HyperparameterCache): ConstraintModel[] {
  const k = history[0]?.constraints?.length ?? 0;
  return Array.from({ length: k }, (_, j) => {
    const s = buildSurrogate(space, constraintObservations(history, j), { ...settings, outputTransform: 'standardize' }, cache);
    return { model: s.model, threshold: s.transform.toTarget(0) };
  });
}
