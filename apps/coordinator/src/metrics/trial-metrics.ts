import type { Counter, Histogram, Meter } from '@opentelemetry/api';
import { instruments } from '@attune/telemetry/instruments';
import { COORDINATOR_METRICS as M } from '@attune/telemetry/metric-names';
import type { StudyEventOf } from '@attune/core/events/study-event';
import type { TrialTimes } from '@attune/persistence/repositories/trial.repository';

/** How many studies' best values are kept (the oldest-updated go first): a long-lived coordinator's /metrics stays bounded. */
export const MAX_BEST_VALUES = 1000;

export type TrialOutcome = StudyEventOf<'trial-finished'>['state'];

/**
 * The coordinator's trial metrics, recorded from what study events say:
 * counts of started and finished trials (by study and target, and outcome),
 * evaluation and queue-wait histograms (by target) from the trial's times,
 * and each study's best value as a gauge. Knows nothing of where the events
 * come from (see TrialMetricsListener).
 */
export class TrialMetrics {
  private readonly started: Counter;
  private readonly finished: Counter;
  private readonly duration: Histogram;
  private readonly queueWait: Histogram;
  private readonly best = new Map<string, number>();

  constructor(meter: Meter) {
    this.started = instruments.counter(meter, M.trialsStarted);
    this.finished = instruments.counter(meter, M.trialsFinished);
    this.duration = instruments.histogram(meter, M.evaluationDuration);
    this.queueWait = instruments.histogram(meter, M.queueWait);
    instruments.observableGauge(meter, M.bestValue).addCallback((result) => {
      for (const [studyId, value] of this.best) result.observe(value, { study_id: studyId });
    });
  }

  trialStarted(studyId: string, target: string): void {
    this.started.add(1, { study_id: studyId, target });
  }

  /** A trial ended; `times` (when known) give its evaluation time and queue wait, each only when both its ends are known. */
  trialFinished(studyId: string, target: string, outcome: TrialOutcome, times?: TrialTimes): void {
    this.finished.add(1, { study_id: studyId, target, outcome });
    if (!times?.startedAt) return;
    this.queueWait.record(seconds(times.createdAt, times.startedAt), { target });
    if (times.endedAt) this.duration.record(seconds(times.startedAt, times.endedAt), { target, outcome });
  }

  /** A study's new best value (new-best events only ever improve on the last). */
  newBest(studyId: string, value: number): void {
    this.best.delete(studyId);
    this.best.set(studyId, value);
    if (this.best.size > MAX_BEST_VALUES) this.best.delete(this.best.keys().next().value as string);
  }
}

function seconds(from: Date, to: Date): number {
  return Math.max(0, to.getTime() - from.getTime()) / 1000;
}
