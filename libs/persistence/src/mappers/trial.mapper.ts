import type { Params } from '@attune/core/search-space/parameter';
import type { TrialState } from '@attune/core/trial/trial-state';
import { TrialEntity } from '../entities/trial.entity';
import type { TrialOrigin } from '@attune/core/trial/trial-origin';
import type { TrialCounts, TrialRecord } from '../records/trial.record';
import type { StoredScore } from '@attune/core/objective/stored-score';

/** Row to record; SQL NULLs become absent fields. */
export function toTrialRecord(row: TrialEntity): TrialRecord {
  return {
    id: row.id,
    studyId: row.studyId,
    number: row.number,
    state: row.state as TrialState,
    params: row.params as Params,
    ...(row.meta !== null && { meta: row.meta }),
    ...(row.origin !== null && { origin: row.origin as TrialOrigin }),
    ...(row.value !== null && { value: row.value }),
    ...(row.metrics !== null && { metrics: row.metrics }),
    ...(row.feasible !== null && { feasible: row.feasible }),
    ...(row.violation !== null && { violation: row.violation }),
    ...(row.score !== null && { score: row.score as StoredScore }),
    ...(row.note !== null && { note: row.note }),
    ...(row.error !== null && { error: row.error }),
    ...(row.workerId !== null && { workerId: row.workerId }),
    ...(row.traceId !== null && { traceId: row.traceId }),
    ...(row.lastStep !== null && { lastStep: row.lastStep }),
    createdAt: row.createdAt,
    ...(row.startedAt !== null && { startedAt: row.startedAt }),
    ...(row.endedAt !== null && { endedAt: row.endedAt }),
  };
}

const COUNT_KEYS: Record<TrialState, Exclude<keyof TrialCounts, 'total'>> = {
  QUEUED: 'queued',
  RUNNING: 'running',
  COMPLETE: 'complete',
  FAILED: 'failed',
  PRUNED: 'pruned',
  TIMED_OUT: 'timedOut',
  CANCELLED: 'cancelled',
};

/** Per-state counts from `(state, count)` rows; states without rows count 0. */
export function toTrialCounts(rows: readonly { state: string; count: number | string }[]): TrialCounts {
  const counts = { total: 0, queued: 0, running: 0, complete: 0, failed: 0, pruned: 0, timedOut: 0, cancelled: 0 };
  for (const row of rows) {
    const key = COUNT_KEYS[row.state as TrialState];
    const n = Number(row.count);
    if (key) counts[key] += n;
    counts.total += n;
  }
  return counts;
}

/** Counts of a trial list (the driver has the list in hand already). */
export function countTrials(trials: readonly { state: TrialState }[]): TrialCounts {
  const byState = new Map<string, number>();
  for (const t of trials) byState.set(t.state, (byState.get(t.state) ?? 0) + 1);
  return toTrialCounts([...byState].map(([state, count]) => ({ state, count })));
}
