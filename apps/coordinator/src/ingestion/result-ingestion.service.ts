import type { RawMetrics } from '@attune/core/objective/aggregate-repeats';
import type { NormalizedObjectives } from '@attune/core/objective/normalize-objectives';
import { studyObjectives, valueDirection } from '@attune/core/objective/study-objectives';
import { describeEvaluationJobFailure } from '@attune/queue/evaluation-job-failure';
import type { TrialResultJob } from '@attune/queue/trial-result.job';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository, type TrialOutcome } from '@attune/persistence/repositories/trial.repository';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { StudyReleases } from '../driver/study-releases.service';
import { VerificationRunner } from '../verification/verification-runner.service';
import { OutcomeBatcher } from './outcome-batcher';
import { OutcomeWriter } from './outcome-writer.service';
import { toTrialOutcome, type ScoringContext } from './result-outcome';

/** What ingestion remembers of a study: its measurement model, and its baseline once measured. */
interface StudyScoring {
  readonly objectives: NormalizedObjectives;
  /** The baseline trial as last read; `ended` once it is no longer pending (its metrics, if any, will not change). */
  baseline?: { readonly trialId: string; readonly ended: boolean; readonly metrics?: RawMetrics };
}

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
  // Specs never change, and a baseline is measured once, so both can be remembered (until the study ends: see StudyReleases).
  private readonly scoring = new Map<string, StudyScoring>();
  // Results arrive in bursts: one transaction per batch instead of one per result.
  private readonly batcher = new OutcomeBatcher((items) => this.writer.finish(items));

  constructor(
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly writer: OutcomeWriter,
    private readonly verifications: VerificationRunner,
    releases: StudyReleases,
  ) {
    releases.onRelease((keep) => {
      for (const id of this.scoring.keys()) if (!keep(id)) this.scoring.delete(id);
    });
  }

  /** Returns true if the result was recorded, false if it was a duplicate or for an unknown trial. */
  async ingest(result: TrialResultJob): Promise<boolean> {
    // A verification's re-measurement belongs to no trial: its verification records it.
    if (result.verification) return this.verifications.record(result);
    const scoring = await this.scoringOf(result.studyId);
    if (scoring === undefined) {
      this.logger.warn(`result for unknown study ${result.studyId} (trial ${result.trialId}) dropped`);
      return false;
    }
    const context = await this.contextFor(result.studyId, result.trialId, scoring);
    return this.submit(result.trialId, result.studyId, toTrialOutcome(result, context), scoring.objectives);
  }

  /** An evaluation job failed for good (no attempts left, stalled too often, unrecoverable). */
  async recordJobFailure(trialId: string, reason: string): Promise<void> {
    const studyId = (await this.trials.findById(trialId))?.studyId;
    if (!studyId) {
      await this.verifications.recordJobFailure(trialId, describeEvaluationJobFailure(reason));
      return;
    }
    const scoring = await this.scoringOf(studyId);
    if (scoring) await this.submit(trialId, studyId, { state: 'FAILED', error: describeEvaluationJobFailure(reason) }, scoring.objectives);
  }

  /** Workers took these trials' jobs. */
  async recordStarted(trialIds: readonly string[]): Promise<void> {
    if (trialIds.length > 0) await this.writer.start(trialIds);
  }

  async onModuleDestroy(): Promise<void> {
    await this.batcher.flush();
  }

  private submit(trialId: string, studyId: string, outcome: TrialOutcome, objectives: NormalizedObjectives): Promise<boolean> {
    return this.batcher.submit({ trialId, studyId, outcome, direction: valueDirection(objectives) });
  }

  private async scoringOf(studyId: string): Promise<StudyScoring | undefined> {
    let scoring = this.scoring.get(studyId);
    if (scoring === undefined) {
      const spec = (await this.studies.findById(studyId))?.spec;
      if (spec === undefined) return undefined;
      this.scoring.set(studyId, (scoring = { objectives: studyObjectives(spec) }));
    }
    return scoring;
  }

  /**
   * The baseline a result is scored against. The driver has the baseline
   * measured before any other trial, so it is looked up until it has ended,
   * then remembered.
   */
  private async contextFor(studyId: string, trialId: string, scoring: StudyScoring): Promise<ScoringContext> {
    const { objectives } = scoring;
    if (objectives.baseline === undefined) return { objectives };
    // Read until the baseline has ended; a failed one (no metrics) is not asked for again on every result.
    if (!scoring.baseline?.ended) {
      const trial = await this.trials.findBaseline(studyId);
      const ended = trial !== undefined && trial.state !== 'QUEUED' && trial.state !== 'RUNNING';
      if (trial) scoring.baseline = { trialId: trial.id, ended, ...(trial.state === 'COMPLETE' && trial.metrics && { metrics: trial.metrics }) };
    }
    if (scoring.baseline?.trialId === trialId) return { objectives, isBaseline: true };
    return { objectives, ...(scoring.baseline?.metrics && { baseline: scoring.baseline.metrics }) };
  }
}
