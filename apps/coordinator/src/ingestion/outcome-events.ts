import { newBest } from '@attune/core/events/new-best';
import type { StudyEvent } from '@attune/core/events/study-event';
import type { NewStudyEvent } from '@attune/persistence/records/study-event.record';
import type { ChangedTrial } from '@attune/persistence/repositories/trial.repository';
import type { PendingOutcome } from './outcome-batcher';

/**
 * The events of a written batch: per study, `trial-finished` for each trial
 * that changed (in arrival order), then `new-best` for the best of its
 * COMPLETE trials if it beats the study's best before the batch.
 */
export function outcomeEvents(
  items: readonly PendingOutcome[],
  changed: ReadonlyMap<string, ChangedTrial>,
  bestBefore: ReadonlyMap<string, number>,
): NewStudyEvent[] {
  const byStudy = new Map<string, { finished: StudyEvent[]; completed: (ChangedTrial & { value: number })[]; direction: PendingOutcome['direction'] }>();
  const seen = new Set<string>();
  for (const item of items) {
    const trial = changed.get(item.trialId);
    // Only the first copy of a trial in the batch was written.
    if (!trial || seen.has(item.trialId)) continue;
    seen.add(item.trialId);
    const study = byStudy.get(trial.studyId) ?? { finished: [], completed: [], direction: item.direction };
    byStudy.set(trial.studyId, study);
    const { state, value, metrics, error } = item.outcome;
    if (state === 'CANCELLED') continue;
    study.finished.push({
      kind: 'trial-finished',
      trialId: trial.id,
      number: trial.number,
      state,
      ...(value !== undefined && { value }),
      ...(metrics && { metrics: { ...metrics } }),
      ...(error !== undefined && { error }),
    });
    // An infeasible trial is never the best, however good its value.
    if (state === 'COMPLETE' && value !== undefined && item.outcome.feasible !== false) study.completed.push({ ...trial, value });
  }
  const events: NewStudyEvent[] = [];
  for (const [studyId, study] of byStudy) {
    for (const event of study.finished) events.push({ studyId, event });
    // Several objectives have a front, not a best.
    const best = study.direction && newBest(study.completed, bestBefore.get(studyId), study.direction);
    if (best) events.push({ studyId, event: { kind: 'new-best', trialId: best.id, number: best.number, value: best.value, params: best.params } });
  }
  return events;
}
