import { newBest } from '@attune/core/events/new-best';
import type { StudyEvent } from '@attune/core/events/study-event';
import type { NormalizedObjectives } from '@attune/core/objective/normalize-objectives';
import { valueDirection } from '@attune/core/objective/study-objectives';
import type { SeededTrial } from './seeded-history';

/** One row of a study's event log, and when it was written. */
export interface SeededEvent {
  readonly event: StudyEvent;
  readonly at: Date;
}

/**
 * The event log the run would have left after `study-created` (which the
 * coordinator wrote when the study was submitted): each trial's
 * `trial-started` and `trial-finished`, `new-best` when a finished trial beat
 * the best so far (one objective only; an infeasible trial never does), in
 * the order they happened, then `study-ended`.
 */
export function seededEvents(trials: readonly SeededTrial[], objectives: NormalizedObjectives, ended: { at: Date; reason: string }): SeededEvent[] {
  const direction = valueDirection(objectives);
  const timed: { event: StudyEvent; at: Date; order: number }[] = [];
  const push = (event: StudyEvent, at: Date) => timed.push({ event, at, order: timed.length });
  for (const t of trials) push({ kind: 'trial-started', trialId: t.id, number: t.number }, t.startedAt);
  let best: number | undefined;
  for (const t of [...trials].sort((a, b) => a.endedAt.getTime() - b.endedAt.getTime())) {
    push(finishedEvent(t), t.endedAt);
    if (!direction || t.state !== 'COMPLETE' || t.value === undefined || t.feasible === false) continue;
    const better = newBest([{ number: t.number, value: t.value }], best, direction);
    if (!better) continue;
    best = t.value;
    push({ kind: 'new-best', trialId: t.id, number: t.number, value: t.value, params: { ...t.params } }, t.endedAt);
  }
  push({ kind: 'study-ended', state: 'COMPLETE', reason: ended.reason }, ended.at);
  return timed.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order).map(({ event, at }) => ({ event, at }));
}

/** As ingestion writes it (apps/coordinator/src/ingestion/outcome-events.ts). */
function finishedEvent(t: SeededTrial): StudyEvent {
  return {
    kind: 'trial-finished',
    trialId: t.id,
    number: t.number,
    state: t.state,
    ...(t.value !== undefined && { value: t.value }),
    ...(t.metrics && { metrics: { ...t.metrics } }),
    ...(t.error !== undefined && { error: t.error }),
  };
}
