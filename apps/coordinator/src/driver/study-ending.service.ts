import type { StudyRecord, StudyState } from '@attune/persistence/records/study.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import type { Transaction } from '@attune/persistence/transaction';
import { Injectable } from '@nestjs/common';
import { StudyEventWriter } from '../events/study-event-writer.service';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { StudyReleases } from './study-releases.service';

/** Ends studies: the state and reason, pending trials CANCELLED, their waiting jobs removed. */
@Injectable()
export class StudyEnding {
  constructor(
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly queues: EvaluationQueues,
    private readonly releases: StudyReleases,
    private readonly events: StudyEventWriter,
  ) {}

  /**
   * Inside the study's locked transaction: ends it (if still RUNNING),
   * cancels its pending trials and appends `study-ended`. Returns the
   * cancelled trial ids for `afterCommit`.
   */
  async end(study: StudyRecord, state: Exclude<StudyState, 'RUNNING'>, reason: string, tx: Transaction): Promise<string[]> {
    // The study row first (this UPDATE locks it), then its trials: the order every event writer follows.
    const ended = await this.studies.end(study.id, state, reason, tx);
    if (!ended) return [];
    const cancelled = await this.trials.cancelPending(study.id, `study ${state.toLowerCase()}: ${reason}`, tx);
    await this.events.append([{ studyId: study.id, event: { kind: 'study-ended', state, reason } }], tx);
    return cancelled;
  }

  /** After commit: removes the jobs of cancelled trials that no worker has taken yet. */
  async afterCommit(study: StudyRecord, cancelledTrialIds: readonly string[]): Promise<void> {
    this.releases.release(study.id);
    await this.queues.remove(study.spec.target, cancelledTrialIds);
  }
}
