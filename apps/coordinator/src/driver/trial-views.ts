import type { NormalizedObjectives } from '@attune/core/objective/normalize-objectives';
import { trialViewOf } from '@attune/core/objective/trial-view-of';
import type { TrialView } from '@attune/core/trial/trial-view';
import type { TrialRecord } from '@attune/persistence/records/trial.record';

/** The history as a strategy sees it (see `trialViewOf`). */
export function toTrialViews(trials: readonly TrialRecord[], objectives: NormalizedObjectives): TrialView[] {
  return trials.map((t) => trialViewOf(t, objectives));
}
