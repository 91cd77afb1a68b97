import { toLoss, type Direction, type TrialView } from '@attune/core/trial/trial-view';
import type { TrialRecord } from '@attune/persistence/records/trial.record';

/** The history as a strategy sees it: loss on COMPLETE trials, oriented for minimisation. */
export function toTrialViews(trials: readonly TrialRecord[], direction: Direction): TrialView[] {
  return trials.map((t) => ({
    number: t.number,
    state: t.state,
    params: t.params,
    ...(t.state === 'COMPLETE' && t.value !== undefined && { loss: toLoss(t.value, direction) }),
    ...(t.meta && { meta: t.meta }),
  }));
}
