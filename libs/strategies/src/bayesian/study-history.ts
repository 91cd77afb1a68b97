import type { TrialView } from '@attune/core/trial/trial-view';
import type { EncodedSpace } from './encoded-space';
import { paregoLosses } from './parego-scalarization';
import type { Observation } from './training-set';

/** A completed trial as the bayesian strategy models it, before its objectives become one loss. */
export interface ModelledTrial {
  readonly number: number;
  readonly x: Float64Array;
  /** Its objectives' losses (lower is better): one, or several. */
  readonly objectives: readonly number[];
  /** Each constraint's signed slack (≤ 0 kept), when the study has constraints; missing values are +∞. */
  readonly constraints?: readonly number[];
  /** Σ max(0, slack): 0 when feasible; present with `constraints`. */
  readonly violation?: number;
  /** sd²/count of the loss's repeated measurements, when known (single objective only). */
  readonly noiseVariance?: number;
}

/**
 * The COMPLETE trials with objectives (`losses`, else `loss`) none of which is
 * NaN, by number. When trials disagree on how many objectives they have, the
 * largest count wins and the others are left out.
 */
export function modelledTrials(trials: readonly TrialView[], space: EncodedSpace): ModelledTrial[] {
  const complete = trials
    .filter((t) => t.state === 'COMPLETE')
    .map((t) => ({ t, objectives: t.losses ?? (typeof t.loss === 'number' ? [t.loss] : undefined) }))
    .filter((e): e is { t: TrialView; objectives: readonly number[] } => e.objectives !== undefined && !e.objectives.some(Number.isNaN));
  const m = Math.max(0, ...complete.map((e) => e.objectives.length));
  const k = Math.max(0, ...complete.map((e) => e.t.constraints?.length ?? 0));
  return complete
    .filter((e) => e.objectives.length === m)
    .map(({ t, objectives }) => ({
      number: t.number,
      x: space.encode(t.params),
      objectives,
      ...(k > 0 ? constraintsOf(t, k) : {}),
      ...(m === 1 ? noiseOf(t) : {}),
    }))
    .sort((a, b) => a.number - b.number);
}

function constraintsOf(t: TrialView, k: number): { constraints: number[]; violation: number } {
  const constraints = Array.from({ length: k }, (_, j) => {
    const c = t.constraints?.[j];
    return typeof c === 'number' && !Number.isNaN(c) ? c : Infinity;
  });
  return { constraints, violation: constraints.reduce((sum, c) => sum + Math.max(0, c), 0) };
}

function noiseOf(t: TrialView): { noiseVariance?: number } {
  const noise = t.noise;
  if (!noise || !(noise.count >= 1) || !Number.isFinite(noise.sd)) return {};
  return { noiseVariance: (noise.sd * noise.sd) / noise.count };
}

/** How many objectives the history has (0 when empty). */
export function objectiveCount(history: readonly ModelledTrial[]): number {
  return history.length > 0 ? history[0].objectives.length : 0;
}

/**
 * One scalar loss per trial for the GP: the objective itself, or with several
 * objectives ParEGO's scalarisation under `weights`.
 */
export function scalarObservations(history: readonly ModelledTrial[], weights?: readonly number[]): Observation[] {
  const losses = weights ? paregoLosses(history.map((h) => h.objectives), weights) : history.map((h) => h.objectives[0]);
  return history.map((h, i) => ({
    number: h.number,
    x: h.x,
    loss: losses[i],
    ...(h.noiseVariance !== undefined ? { noiseVariance: h.noiseVariance } : {}),
    ...(h.violation !== undefined ? { violation: h.violation } : {}),
  }));
}

/** The same trials with constraint j's slack as the loss (for its GP). */
export function constraintObservations(history: readonly ModelledTrial[], j: number): Observation[] {
  return history.map((h) => ({ number: h.number, x: h.x, loss: h.constraints?.[j] ?? Infinity, violation: h.violation }));
}
