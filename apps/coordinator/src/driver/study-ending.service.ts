import type { ConvergenceRule } from '@attune/core/convergence/convergence-spec.schema';
import type { StudyState } from '@attune/core/study/study-state';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import type { Transaction } from '@attune/persistence/transaction';
import { Injectable } from '@nestjs/common';
import { StudyEventWriter } from '../events/study-event-writer.service';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { TrialCancellations } from '../queues/trial-cancellations.service';
import { StudyReleases } from './study-releases.service';
import { VerificationRunner } from '../verification/verification-runner.service';
import type { VerificationRecord } from '@attune/persistence/records/verification.record';
import { verificationAtEnd } from '@attune/core/verification/verification-options.schema';

/** The trials a study's end cancelled, and why; and the verification it started, to enqueue after the commit. */
export interface CancelledTrials {
  readonly trialIds: readonly string[];
  readonly reason: string;
  readonly verification?: VerificationRecord;
}

/** What else a study's end may carry: the convergence rule that ended it; the candidates' ranking for its verification (`VerificationRunner.rankCandidates`). */
export interface EndDetails {
  readonly converged?: { readonly rule: ConvergenceRule; readonly reason: string };
  readonly ranking?: readonly number[];
}

/**
 * Ends studies: the state and reason, pending trials CANCELLED, their waiting
 * jobs removed and their running evaluations aborted on the workers; a study
 * that ends COMPLETE starts the verification its spec asks for.
 */
@Injectable()
export class StudyEnding {
  constructor(
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly queues: EvaluationQueues,
    private readonly releases: StudyReleases,
    private readonly events: StudyEventWriter,
    private readonly cancellations: TrialCancellations,
    private readonly verifications: VerificationRunner,
  ) {}

  /**
   * Inside the study's locked transaction: ends it (if still RUNNING),
   * cancels its pending trials and appends `study-ended`; ended COMPLETE, it
   * starts the verification its spec asks for. Returns the
   * cancelled trials for `afterCommit`.
   */
  async end(study: StudyRecord, state: Exclude<StudyState, 'RUNNING'>, reason: string, tx: Transaction, how: EndDetails = {}): Promise<CancelledTrials> {
    const { converged } = how;
    const why = `study ${state.toLowerCase()}: ${reason}`;
    // The study row first (this UPDATE locks it), then its trials: the order every event writer follows.
    const ended = await this.studies.end(study.id, state, reason, tx);
    if (!ended) return { trialIds: [], reason: why };
    const trialIds = await this.trials.cancelPending(study.id, why, tx);
    const convergedEvent = converged ? [{ studyId: study.id, event: { kind: 'converged' as const, rule: converged.rule, reason: converged.reason } }] : [];
    await this.events.append([...convergedEvent, { studyId: study.id, event: { kind: 'study-ended', state, reason } }], tx);
    const options = state === 'COMPLETE' ? verificationAtEnd(study.spec) : undefined;
    const verification = options && (await this.verifications.startAtEnd(study, options, tx, how.ranking));
    return { trialIds, reason: why, ...(verification && { verification }) };
  }

  /** Before the ending transaction of a study that will end COMPLETE: the ranking its verification's candidates are chosen by, when its spec asks for one. */
  async prepare(study: StudyRecord, state: Exclude<StudyState, 'RUNNING'>, history: readonly TrialRecord[]): Promise<Pick<EndDetails, 'ranking'>> {
    if (state !== 'COMPLETE' || !verificationAtEnd(study.spec)) return {};
    const ranking = await this.verifications.rankCandidates(study, history);
    return ranking ? { ranking } : {};
  }

  /**
   * After commit: removes the jobs of cancelled trials that no worker has
   * taken yet, then tells the workers to abort the evaluations under way
   * (after the removal, so that a job taken meanwhile is cancelled too).
   */
  async afterCommit(study: StudyRecord, cancelled: CancelledTrials): Promise<void> {
    this.releases.release(study.id);
    await this.queues.remove(study.spec.target, cancelled.trialIds);
    await this.cancellations.cancel(study.spec.target, cancelled.trialIds, cancelled.reason);
    if (cancelled.verification) await this.verifications.enqueueNext(study, cancelled.verification);
  }
}
