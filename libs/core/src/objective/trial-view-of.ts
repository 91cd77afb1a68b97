import type { Params } from '../search-space/parameter';
import type { TrialState } from '../trial/trial-state';
import { toLoss, type TrialView } from '../trial/trial-view';
import type { NormalizedObjectives } from './normalize-objectives';
import type { StoredScore } from './stored-score';

/** What a stored or in-memory trial holds that its view is made from. */
export interface ScoredTrial {
  readonly number: number;
  readonly state: TrialState;
  readonly params: Readonly<Params>;
  readonly meta?: Readonly<Record<string, unknown>>;
  /** The objective as the user reads it (the metric, or the composite score). */
  readonly value?: number;
  readonly violation?: number;
  readonly score?: StoredScore;
  /** The last step the trial reported; of a PRUNED trial the one it was stopped at, where `value` is the objective. */
  readonly lastStep?: number;
}

/**
 * A trial as a strategy sees it, the same from the coordinator's history and
 * the in-process engine: on COMPLETE trials, `loss` for one objective (the
 * metric oriented for minimisation, or the composite score, already a loss),
 * `losses` for several; with constraints, `violation` and each constraint's
 * slack; the loss's `noise` when the trial was measured more than once. A
 * PRUNED trial has no loss, but `lastStep`: the step it was stopped at and
 * its objective's loss there.
 */
export function trialViewOf(trial: ScoredTrial, objectives: NormalizedObjectives): TrialView {
  const view = { number: trial.number, state: trial.state, params: trial.params, ...(trial.meta && { meta: trial.meta }) };
  if (trial.state === 'PRUNED') return { ...view, ...lastStepOf(trial, objectives) };
  if (trial.state !== 'COMPLETE') return view;
  const { score } = trial;
  const constrained = objectives.constraints.length > 0;
  return {
    ...view,
    ...lossOf(trial, objectives),
    ...(constrained && trial.violation !== undefined && { violation: trial.violation }),
    ...(constrained && score?.constraints && { constraints: score.constraints }),
    ...(score?.noise && score.noise.count > 1 && { noise: score.noise }),
  };
}

function lossOf(trial: ScoredTrial, objectives: NormalizedObjectives): Pick<TrialView, 'loss' | 'losses'> {
  switch (objectives.kind) {
    case 'single':
      return trial.value === undefined ? {} : { loss: toLoss(trial.value, objectives.objectives[0].direction) };
    case 'composite':
      return trial.value === undefined ? {} : { loss: trial.value };
    case 'pareto':
      return trial.score?.losses ? { losses: trial.score.losses } : {};
  }
}

/** Where a PRUNED trial was stopped, and how it stood there (one objective only: a pruner compares one metric). */
function lastStepOf(trial: ScoredTrial, objectives: NormalizedObjectives): Pick<TrialView, 'lastStep'> {
  if (trial.lastStep === undefined || trial.value === undefined || objectives.kind !== 'single') return {};
  return { lastStep: { step: trial.lastStep, loss: toLoss(trial.value, objectives.objectives[0].direction) } };
}
