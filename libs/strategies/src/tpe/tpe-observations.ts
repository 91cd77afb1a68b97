import { objectiveLosses } from '@attune/core/pareto/pareto-front';
import type { TrialView } from '@attune/core/trial/trial-view';
import { encodeValue, type TpeDimension } from './tpe-dimension';

/** One trial as TPE sees it: its row in estimator coordinates, its losses (lower is better) and, in a constrained study, its violation. */
export interface TpeObservation {
  readonly number: number;
  readonly row: Float64Array;
  /** One loss per objective; every one +Infinity for failed and pruned trials, for a missing result and for the lie given to pending ones. */
  readonly losses: readonly number[];
  /**
   * In a constrained study, Optuna's one-number violation Σ max(cᵢ, 0) over the
   * constraints' signed slacks (0 when feasible); +Infinity for trials
   * without a result, and for pruned trials without constraint values (as
   * Optuna's `_get_infeasible_trial_score`). Undefined when the study has no constraints.
   */
  readonly violation?: number;
  /** On PRUNED trials only: how far the trial got, by which pruned trials are ranked (`splitByStanding`). */
  readonly pruned?: PrunedStanding;
}

/**
 * A pruned trial's standing (Optuna 3.x `_get_pruned_trial_score`): the step
 * it was stopped at and its loss there (NaN read as +Infinity). A pruned trial
 * that reported no intermediate value has step −Infinity and loss 0: it ranks
 * after every pruned trial that did.
 */
export interface PrunedStanding {
  readonly step: number;
  readonly loss: number;
}

/** How the history is scored: how many objectives, and whether constraints count. */
export interface TpeStudyShape {
  readonly objectives: number;
  readonly constrained: boolean;
}

/** Several objectives when a finished trial reports several losses; constrained when any trial carries a violation. */
export function studyShape(trials: readonly TrialView[]): TpeStudyShape {
  let objectives = 1;
  let constrained = false;
  for (const t of trials) {
    if (t.state === 'COMPLETE') objectives = Math.max(objectives, t.losses?.length ?? 1);
    if (t.violation !== undefined || t.constraints !== undefined) constrained = true;
  }
  return { objectives, constrained };
}

export function encodeRow(dims: readonly TpeDimension[], params: TrialView['params']): Float64Array {
  const row = new Float64Array(dims.length);
  dims.forEach((dim, j) => (row[j] = encodeValue(dim, params[dim.param.name])));
  return row;
}

/** True when every loss is finite: the trial has a result to rank. */
export function hasResult(o: TpeObservation): boolean {
  return o.losses.every(Number.isFinite);
}

/**
 * True for a result or a pruned trial: what Optuna counts in gamma(n) and
 * against `n_startup_trials` (its COMPLETE and PRUNED trials).
 */
export function isFinished(o: TpeObservation): boolean {
  return o.pruned !== undefined || hasResult(o);
}

/** The observation of a trial without a result (failed, or pending under the constant liar): worst in everything. */
export function worstObservation(number: number, row: Float64Array, shape: TpeStudyShape): TpeObservation {
  const losses = new Array<number>(shape.objectives).fill(Infinity);
  return shape.constrained ? { number, row, losses, violation: Infinity } : { number, row, losses };
}

function completeLosses(t: TrialView, objectives: number): readonly number[] {
  const losses = objectiveLosses(t);
  return losses?.length === objectives && losses.every(Number.isFinite) ? losses : new Array<number>(objectives).fill(Infinity);
}

/** Σ max(cᵢ, 0) from the per-constraint slacks (Optuna's violation_1d), else the stored total; 0 when the trial has neither. */
function violationOf(t: TrialView): number {
  if (t.constraints) return t.constraints.reduce((sum, c) => sum + Math.max(c, 0), 0);
  return t.violation ?? 0;
}

/** A PRUNED trial: no result, its standing from `lastStep`; in a constrained study its violation when it has constraint values, else +Infinity. */
function prunedObservation(t: TrialView, row: Float64Array, shape: TpeStudyShape): TpeObservation {
  const losses = new Array<number>(shape.objectives).fill(Infinity);
  const last = t.lastStep;
  const pruned = last ? { step: last.step, loss: Number.isNaN(last.loss) ? Infinity : last.loss } : { step: -Infinity, loss: 0 };
  if (!shape.constrained) return { number: t.number, row, losses, pruned };
  const known = t.constraints !== undefined || t.violation !== undefined;
  return { number: t.number, row, losses, pruned, violation: known ? violationOf(t) : Infinity };
}

/**
 * Observations of the history: COMPLETE trials by their losses (a missing or
 * NaN loss counts as worst), PRUNED ones by how far they got (Optuna 3.x, see
 * `prunedObservation`), FAILED and TIMED_OUT as worst, pending trials as
 * worst when the constant liar is on; CANCELLED trials are left out.
 */
export function collectObservations(
  encode: (params: TrialView['params']) => Float64Array,
  trials: readonly TrialView[],
  constantLiar: boolean,
  shape: TpeStudyShape,
): TpeObservation[] {
  const out: TpeObservation[] = [];
  for (const t of trials) {
    if (t.state === 'COMPLETE') {
      const losses = completeLosses(t, shape.objectives);
      const violation = !shape.constrained ? undefined : losses.every(Number.isFinite) ? violationOf(t) : Infinity;
      out.push(violation === undefined ? { number: t.number, row: encode(t.params), losses } : { number: t.number, row: encode(t.params), losses, violation });
    } else if (t.state === 'PRUNED') {
      out.push(prunedObservation(t, encode(t.params), shape));
    } else if (t.state === 'FAILED' || t.state === 'TIMED_OUT' || ((t.state === 'QUEUED' || t.state === 'RUNNING') && constantLiar)) {
      out.push(worstObservation(t.number, encode(t.params), shape));
    }
  }
  return out;
}

/** Optuna's default weights: 1 for the 25 most recent, a linear ramp from 1/n up for older ones. */
export function observationWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const w: number[] = [];
  for (let i = 0; i < ramp; i++) w.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) w.push(1);
  return w;
}
