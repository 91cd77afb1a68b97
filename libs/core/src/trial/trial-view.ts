import type { Params } from '../search-space/parameter';
import type { TrialState } from './trial-state';

/**
 * What a strategy sees of a trial: never an ORM row. `loss` is the objective
 * oriented for minimisation (the value itself when minimising, its negation
 * when maximising), present only on COMPLETE trials.
 */
export interface TrialView {
  readonly number: number;
  readonly state: TrialState;
  readonly params: Readonly<Params>;
  /** The scalar loss: the single objective, or the composite score. */
  readonly loss?: number;
  /**
   * Each objective's loss, oriented for minimisation like `loss`, on COMPLETE
   * trials of a study with several objectives; absent otherwise (read the
   * objectives as `losses ?? [loss]`, see `objectiveLosses`).
   */
  readonly losses?: readonly number[];
  /**
   * Total constraint violation: 0 when the trial is feasible, above 0 by how
   * much it misses its constraints; absent when the study has no constraints.
   */
  readonly violation?: number;
  /**
   * Each constraint's signed slack, in the spec's order (see
   * `constraintValues`): at most 0 when kept, above 0 by its relative excess
   * when broken; absent when the study has no constraints.
   */
  readonly constraints?: readonly number[];
  /** Spread of the trial's repeated measurements: their standard deviation and how many there were. */
  readonly noise?: { readonly sd: number; readonly count: number };
  /**
   * The last intermediate value the trial reported, oriented like `loss`, on
   * PRUNED trials that reported one: how far it got (`step`) and how it stood
   * there. Strategies that learn from pruned trials (tpe, as Optuna's does)
   * rank them by it; the others read PRUNED trials as configurations already tried.
   */
  readonly lastStep?: { readonly step: number; readonly loss: number };
  /** What the strategy attached to its proposal (see `Proposal.meta`). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

export type Direction = 'minimize' | 'maximize';

/** The objective value oriented so that lower is better. */
export function toLoss(value: number, direction: Direction): number {
  return direction === 'minimize' ? value : -value;
}

/** Back from loss to the objective value as the user reads it. */
export function fromLoss(loss: number, direction: Direction): number {
  return direction === 'minimize' ? loss : -loss;
}
