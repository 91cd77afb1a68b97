import type { StudyEventRecord } from '@attune/persistence/records/study-event.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository, type TrialTimes } from '@attune/persistence/repositories/trial.repository';
import { throttled } from '@attune/queue/throttled';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Meter } from '@opentelemetry/api';
import { COORDINATOR_INSTANCE_ID } from '../events/coordinator-instance';
import { StudyEventBus } from '../events/study-event-bus.service';
import { COORDINATOR_METER } from './coordinator-meter';
import { TrialMetrics, type TrialOutcome } from './trial-metrics';

/** Targets of this many studies are remembered (a study's target never changes). */
const MAX_TARGETS = 10_000;

interface Seen {
  readonly studyId: string;
  readonly trialId: string;
  /** undefined: the trial started. */
  readonly outcome?: TrialOutcome;
}

/**
 * Records the trial metrics from the study events, beside the driver and
 * ingestion, never inside them. Each coordinator counts the starts and ends
 * it wrote itself (the event's origin), so the sum over coordinators counts
 * each trial once; every coordinator hears every new best, so each reports
 * the same best values. The study's target is read once per study, and the
 * trials' times in one query for all the trials that ended since the last
 * read: a burst of results costs a statement, not one per trial.
 */
@Injectable()
export class TrialMetricsListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TrialMetricsListener.name);
  private readonly warn = throttled((e: Error) => this.logger.warn(`trial metrics: ${e.message}`));
  private readonly metrics: TrialMetrics;
  private readonly targets = new Map<string, Promise<string | undefined>>();
  private pending: Seen[] = [];
  private flushing?: Promise<void>;
  private unsubscribe?: () => void;

  constructor(
    private readonly bus: StudyEventBus,
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    @Inject(COORDINATOR_INSTANCE_ID) private readonly instanceId: string,
    @Inject(COORDINATOR_METER) meter: Meter,
  ) {
    this.metrics = new TrialMetrics(meter);
  }

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((record) => this.onEvent(record));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Resolves when what was heard so far is recorded (tests). */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private onEvent({ studyId, event, origin }: StudyEventRecord): void {
    if (event.kind === 'new-best') this.metrics.newBest(studyId, event.value);
    if (origin !== this.instanceId) return;
    if (event.kind === 'trial-started') this.note({ studyId, trialId: event.trialId });
    else if (event.kind === 'trial-finished') this.note({ studyId, trialId: event.trialId, outcome: event.state });
  }

  private note(seen: Seen): void {
    this.pending.push(seen);
    this.schedule();
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flush())
      .finally(() => {
        this.flushing = undefined;
        // Heard between the last read and now.
        if (this.pending.length > 0) this.schedule();
      });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const ended = batch.filter((s) => s.outcome !== undefined).map((s) => s.trialId);
      const times = await this.trials.timesOf(ended).catch((e: Error) => (this.warn(e), new Map<string, TrialTimes>()));
      for (const seen of batch) {
        const target = await this.targetOf(seen.studyId);
        if (target === undefined) continue;
        if (seen.outcome === undefined) this.metrics.trialStarted(seen.studyId, target);
        else this.metrics.trialFinished(seen.studyId, target, seen.outcome, times.get(seen.trialId));
      }
    }
  }

  private targetOf(studyId: string): Promise<string | undefined> {
    let target = this.targets.get(studyId);
    if (!target) {
      target = this.studies.findById(studyId).then(
        (study) => study?.spec.target,
        (e: Error) => {
          this.targets.delete(studyId);
          this.warn(new Error(`could not read the target of study ${studyId}: ${e.message}`));
          return undefined;
        },
      );
      this.targets.set(studyId, target);
      if (this.targets.size > MAX_TARGETS) this.targets.delete(this.targets.keys().next().value as string);
    }
    return target;
  }
}
