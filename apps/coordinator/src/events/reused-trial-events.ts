import type { NewStudyEvent } from '@attune/persistence/records/study-event.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';

/**
 * The `trial-finished` events of trials that reused an earlier measurement
 * (the duplicate guard): they finished the moment they were recorded. None
 * is a new best: it copies a trial that was already counted.
 */
export function reusedTrialEvents(studyId: string, reused: readonly TrialRecord[]): NewStudyEvent[] {
  return reused.map((t) => ({
    studyId,
    event: { kind: 'trial-finished', trialId: t.id, number: t.number, state: 'COMPLETE', ...(t.value !== undefined && { value: t.value }), ...(t.metrics && { metrics: { ...t.metrics } }) },
  }));
}
