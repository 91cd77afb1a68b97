import type { NewStudyEvent } from '@attune/persistence/records/study-event.record';
import type { ChangedTrial, PrunedTrial } from '@attune/persistence/repositories/trial.repository';

/**
 * The events of pruned trials that changed: `trial-pruned` (the step, the
 * objective there, the pruner's reason), then `trial-finished` with state
 * PRUNED, which wakes the study's driver and counts the trial's end. The
 * value travels on `trial-pruned` only: a `trial-finished` value is a
 * completed trial's.
 */
export function prunedEvents(items: readonly PrunedTrial[], changed: ReadonlyMap<string, ChangedTrial>): NewStudyEvent[] {
  const events: NewStudyEvent[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const trial = changed.get(item.trialId);
    if (!trial || seen.has(item.trialId)) continue;
    seen.add(item.trialId);
    const { id: trialId, number, studyId } = trial;
    events.push({ studyId, event: { kind: 'trial-pruned', trialId, number, step: item.step, ...(item.value !== undefined && { value: item.value }), reason: item.reason } });
    events.push({ studyId, event: { kind: 'trial-finished', trialId, number, state: 'PRUNED', metrics: { ...item.metrics }, error: item.reason } });
  }
  return events;
}
