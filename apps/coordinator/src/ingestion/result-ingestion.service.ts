import type { TrialResultJob } from '@attune/queue/trial-result.job';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { StudyReleases } from '../driver/study-releases.service';
import { TickScheduler } from '../driver/tick-scheduler.service';
import { OutcomeBatcher } from './outcome-batcher';
import { toTrialOutcome } from './result-outcome';

/**
 * Records what happened to trials: results from workers, and what the
 * evaluation queues report (taken by a worker, failed for good). Every write
 * is conditional on the trial still being pending, so a duplicate or late
 * report changes nothing; a recorded ending asks the driver for a tick.
 */
@Injectable()
export class ResultIngestionService implements OnModuleDestroy {
  private readonly logger = new Logger(ResultIngestionService.name);
  // Specs never change, so the metric of a study can be remembered (until it ends: see StudyReleases).
  private readonly metrics = new Map<string, string>();
  // Results arrive in bursts: one UPDATE per batch instead of one per result.
  private readonly batcher = new OutcomeBatcher((items) => this.trials.finishMany(items));

  constructor(
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly scheduler: TickScheduler,
    releases: StudyReleases,
  ) {
    releases.onRelease((keep) => {
      for (const id of this.metrics.keys()) if (!keep(id)) this.metrics.delete(id);
    });
  }

  /** Returns true if the result was recorded, false if it was a duplicate or for an unknown trial. */
  async ingest(result: TrialResultJob): Promise<boolean> {
    const metric = await this.metricOf(result.studyId);
    if (metric === undefined) {
      this.logger.warn(`result for unknown study ${result.studyId} (trial ${result.trialId}) dropped`);
      return false;
    }
    const changed = await this.batcher.submit({ trialId: result.trialId, studyId: result.studyId, outcome: toTrialOutcome(result, metric) });
    if (changed) this.scheduler.request(result.studyId);
    return changed;
  }

  /** An evaluation job failed for good (no attempts left, stalled too often, unrecoverable). */
  async recordJobFailure(trialId: string, reason: string): Promise<void> {
    const studyId = await this.trials.finish(trialId, { state: 'FAILED', error: `evaluation job failed: ${reason}` });
    if (studyId) this.scheduler.request(studyId);
  }

  /** Workers took these trials' jobs. */
  async recordStarted(trialIds: readonly string[]): Promise<void> {
    await this.trials.markRunning(trialIds);
  }

  async onModuleDestroy(): Promise<void> {
    await this.batcher.flush();
  }

  private async metricOf(studyId: string): Promise<string | undefined> {
    let metric = this.metrics.get(studyId);
    if (metric === undefined) {
      metric = (await this.studies.findById(studyId))?.spec.objective.metric;
      if (metric !== undefined) this.metrics.set(studyId, metric);
    }
    return metric;
  }
}
