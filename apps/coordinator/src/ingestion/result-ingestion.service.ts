import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { describeEvaluationJobFailure } from '@attune/queue/evaluation-job-failure';
import type { TrialResultJob } from '@attune/queue/trial-result.job';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository, type TrialOutcome } from '@attune/persistence/repositories/trial.repository';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { StudyReleases } from '../driver/study-releases.service';
import { OutcomeBatcher } from './outcome-batcher';
import { OutcomeWriter } from './outcome-writer.service';
import { toTrialOutcome } from './result-outcome';

type Objective = StudySpec['objective'];

/**
 * Records what happened to trials: results from workers, and what the
 * evaluation queues report (taken by a worker, failed for good). Every write
 * is conditional on the trial still being pending, so a duplicate or late
 * report changes nothing; each change is written with its study event, and
 * the `trial-finished` event wakes the study's driver wherever it runs
 * (TickWakeUp).
 */
@Injectable()
export class ResultIngestionService implements OnModuleDestroy {
  private readonly logger = new Logger(ResultIngestionService.name);
  // Specs never change, so the objective of a study can be remembered (until it ends: see StudyReleases).
  private readonly objectives = new Map<string, Objective>();
  // Results arrive in bursts: one transaction per batch instead of one per result.
  private readonly batcher = new OutcomeBatcher((items) => this.writer.finish(items));

  constructor(
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly writer: OutcomeWriter,
    releases: StudyReleases,
  ) {
    releases.onRelease((keep) => {
      for (const id of this.objectives.keys()) if (!keep(id)) this.objectives.delete(id);
    });
  }

  /** Returns true if the result was recorded, false if it was a duplicate or for an unknown trial. */
  async ingest(result: TrialResultJob): Promise<boolean> {
    const objective = await this.objectiveOf(result.studyId);
    if (objective === undefined) {
      this.logger.warn(`result for unknown study ${result.studyId} (trial ${result.trialId}) dropped`);
      return false;
    }
    return this.submit(result.trialId, result.studyId, toTrialOutcome(result, objective.metric), objective);
  }

  /** An evaluation job failed for good (no attempts left, stalled too often, unrecoverable). */
  async recordJobFailure(trialId: string, reason: string): Promise<void> {
    const studyId = (await this.trials.findById(trialId))?.studyId;
    const objective = studyId && (await this.objectiveOf(studyId));
    if (!studyId || !objective) return;
    await this.submit(trialId, studyId, { state: 'FAILED', error: describeEvaluationJobFailure(reason) }, objective);
  }

  /** Workers took these trials' jobs. */
  async recordStarted(trialIds: readonly string[]): Promise<void> {
    if (trialIds.length > 0) await this.writer.start(trialIds);
  }

  async onModuleDestroy(): Promise<void> {
    await this.batcher.flush();
  }

  private submit(trialId: string, studyId: string, outcome: TrialOutcome, objective: Objective): Promise<boolean> {
    return this.batcher.submit({ trialId, studyId, outcome, direction: objective.direction });
  }

  private async objectiveOf(studyId: string): Promise<Objective | undefined> {
    let objective = this.objectives.get(studyId);
    if (objective === undefined) {
      objective = (await this.studies.findById(studyId))?.spec.objective;
      if (objective !== undefined) this.objectives.set(studyId, objective);
    }
    return objective;
  }
}
