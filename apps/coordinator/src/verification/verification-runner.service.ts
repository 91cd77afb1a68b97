import { randomUUID } from 'node:crypto';
import { AttuneError } from '@attune/core/errors/attune-error';
import { studyObjectives } from '@attune/core/objective/study-objectives';
import { trialViewOf } from '@attune/core/objective/trial-view-of';
import { planVerification, type VerificationPlanProblem } from '@attune/core/verification/plan-verification';
import { verificationReport, type VerificationReport } from '@attune/core/verification/verification-report';
import type { VerificationOptions } from '@attune/core/verification/verification-options.schema';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import type { PlannedMeasurement, VerificationRecord } from '@attune/persistence/records/verification.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { VerificationRepository } from '@attune/persistence/repositories/verification.repository';
import { StudyLocks } from '@attune/persistence/study-locks';
import type { Transaction } from '@attune/persistence/transaction';
import type { TrialResultJob } from '@attune/queue/trial-result.job';
import { Injectable, Logger } from '@nestjs/common';
import { StudyEventWriter } from '../events/study-event-writer.service';
import { ProposalThreads } from '../proposals/proposal-threads.service';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { verdictEvent } from './verdict-event';

/**
 * Verifies a study's winner: re-measures its best candidates (with one
 * objective, the best by a GP's posterior mean over the whole history,
 * fitted in the proposal threads before the plan's transaction: see
 * `rankByPosteriorMean`) and the baseline, one measurement at a time in the plan's seeded interleaved
 * order (so that drift hits every arm alike, and no two measurements
 * disturb each other), then reports the verdict (libs/core/src/verification)
 * with its event. Everything it knows is in PostgreSQL: the plan and how far
 * it got live on the verification's row, each re-measurement in its own, so
 * any coordinator moves it on when a result arrives, and the sweep re-adds
 * the job of the measurement under way (the job id is the measurement's:
 * adding it again is a no-op) after a crash between a commit and an enqueue.
 */
@Injectable()
export class VerificationRunner {
  private readonly logger = new Logger(VerificationRunner.name);

  constructor(
    private readonly locks: StudyLocks,
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly verifications: VerificationRepository,
    private readonly queues: EvaluationQueues,
    private readonly events: StudyEventWriter,
    private readonly threads: ProposalThreads,
  ) {}

  /** Starts a verification of an ended study (on demand) and records who asked (in the plan's transaction), or CONFLICT saying why it cannot. */
  async start(studyId: string, options: VerificationOptions, audited: (study: StudyRecord, verification: VerificationRecord, tx: Transaction) => Promise<void>): Promise<VerificationRecord> {
    const study = await this.studies.findById(studyId);
    if (!study) throw new AttuneError('NOT_FOUND', `study ${studyId} does not exist`);
    if (study.state === 'RUNNING') throw new AttuneError('CONFLICT', `study ${studyId} is RUNNING: its trials would disturb the re-measurements; verify it once it has ended (or stop it first)`);
    const ranking = await this.rankCandidates(study, await this.trials.listComplete(studyId));
    const verification = await this.locks.transaction(async (tx) => {
      const running = (await this.verifications.latest(studyId, tx))?.state === 'RUNNING';
      if (running) throw new AttuneError('CONFLICT', `study ${studyId} has a verification running already (GET /studies/${studyId}/verification)`);
      const planned = await this.plan(study, options, tx, ranking);
      if ('problem' in planned) throw new AttuneError('CONFLICT', `study ${studyId} cannot be verified: ${planned.problem}`);
      await audited(study, planned.verification, tx);
      return planned.verification;
    });
    await this.enqueueNext(study, verification);
    return verification;
  }

  /**
   * Before a verification's transaction: the study's completed trials (its
   * `history`) ranked by a GP's posterior mean of their loss, in a proposal
   * thread. Undefined with several objectives, with too few trials, and when
   * the thread fails (said in the log): the candidates are then the best
   * measured.
   */
  async rankCandidates(study: StudyRecord, history: readonly TrialRecord[]): Promise<readonly number[] | undefined> {
    const objectives = studyObjectives(study.spec);
    if (objectives.kind === 'pareto') return undefined;
    const trials = history.filter((t) => t.state === 'COMPLETE').map((t) => trialViewOf(t, objectives));
    const outcome = await this.threads.rank({ studyId: study.id, space: study.spec.parameters, trials, seed: study.spec.strategy.seed });
    if (outcome.kind === 'ranking') return outcome.ranking;
    this.logger.warn(`study ${study.id}: its candidates are the best measured, not ranked by a model: ${outcome.reason}`);
    return undefined;
  }

  /**
   * In the transaction that ends a study COMPLETE: the verification its spec
   * asks for, to be enqueued after the commit (`enqueueNext`); undefined when
   * there is nothing to verify (said in the log). `ranking`: `rankCandidates`,
   * asked before the transaction.
   */
  async startAtEnd(study: StudyRecord, options: VerificationOptions, tx: Transaction, ranking?: readonly number[]): Promise<VerificationRecord | undefined> {
    const planned = await this.plan(study, options, tx, ranking);
    if ('verification' in planned) return planned.verification;
    this.logger.warn(`study ${study.id}: no verification at its end: ${planned.problem}`);
    await this.events.append([{ studyId: study.id, event: { kind: 'verification-failed', reason: `the study cannot be verified: ${planned.problem}` } }], tx);
    return undefined;
  }

  /** Adds the job of the measurement under way (idempotent: its id is the measurement's). */
  async enqueueNext(study: StudyRecord, verification: VerificationRecord): Promise<void> {
    const planned = verification.plan[verification.nextSeq];
    if (verification.state !== 'RUNNING' || !planned) return;
    await this.queues.enqueueMeasurement(study.spec, study.id, planned, { id: verification.id, seq: planned.seq });
  }

  /** Records a re-measurement's result and moves its verification on; false for a duplicate or a stale one. */
  async record(result: TrialResultJob): Promise<boolean> {
    const tag = result.verification!;
    const moved = await this.locks.transaction(async (tx) => {
      const verification = await this.verifications.lock(tag.id, tx);
      const planned = verification?.plan[tag.seq];
      if (!verification || verification.state !== 'RUNNING' || planned?.measurementId !== result.trialId) return undefined;
      const recorded = await this.verifications.recordMeasurement(verification.id, measurementOf(result, planned), tx);
      if (!recorded || tag.seq !== verification.nextSeq) return undefined;
      return this.advance(verification, tx);
    });
    if (moved) await this.enqueueNext(moved.study, moved.verification);
    return moved !== undefined;
  }

  /**
   * A job that failed for good (no attempts left) may be a re-measurement's:
   * then it is recorded FAILED and the verification moves on; false when the
   * job is no verification's.
   */
  async recordJobFailure(jobId: string, reason: string): Promise<boolean> {
    const verification = await this.verifications.findRunningByMeasurement(jobId);
    const planned = verification?.plan.find((p) => p.measurementId === jobId);
    if (!verification || !planned) return false;
    const now = new Date().toISOString();
    return this.record({ studyId: verification.studyId, trialId: jobId, outcome: 'FAILED', error: reason, workerId: 'unknown', startedAt: now, finishedAt: now, verification: { id: verification.id, seq: planned.seq } });
  }

  /** Re-adds the job of every RUNNING verification's measurement under way (the sweep). */
  async sweep(): Promise<void> {
    for (const verification of await this.verifications.listRunning()) {
      const study = await this.studies.findById(verification.studyId);
      if (study) await this.enqueueNext(study, verification).catch((e) => this.logger.warn(`verification ${verification.id}: ${(e as Error).message}`));
    }
  }

  /** After a cancel commits: the cancelled verifications' waiting jobs are removed (one already taken runs out, and its result is ignored). */
  async removeJobs(study: StudyRecord, cancelled: readonly VerificationRecord[]): Promise<void> {
    const ids = cancelled.flatMap((v) => (v.plan[v.nextSeq] ? [v.plan[v.nextSeq].measurementId] : []));
    await this.queues.remove(study.spec.target, ids);
  }

  /** In the transaction that stops a study: its verification under way ends CANCELLED. */
  async cancel(studyId: string, reason: string, tx: Transaction): Promise<VerificationRecord[]> {
    const cancelled = await this.verifications.cancelRunning(studyId, reason, tx);
    await this.events.append(cancelled.map((v) => ({ studyId, event: { kind: 'verification-failed', verificationId: v.id, reason: `cancelled: ${reason}` } })), tx);
    return cancelled;
  }

  private async plan(study: StudyRecord, options: VerificationOptions, tx: Transaction, ranking: readonly number[] | undefined): Promise<{ verification: VerificationRecord } | VerificationPlanProblem> {
    const seed = study.spec.strategy.seed;
    const planned = planVerification(studyObjectives(study.spec), await this.trials.listComplete(study.id, tx), { ...options, seed, ...(ranking && { ranking }) });
    if ('problem' in planned) return planned;
    const plan: PlannedMeasurement[] = planned.order.map((trial, seq) => ({ seq, measurementId: randomUUID(), trialNumber: trial.number, params: trial.params }));
    return { verification: await this.verifications.insert(study.id, { ...options, seed, candidatesBy: ranking ? 'posterior-mean' : 'measured' }, plan, tx) };
  }

  /** One measurement further; after the last, the verdict and its event. */
  private async advance(verification: VerificationRecord, tx: Transaction): Promise<{ study: StudyRecord; verification: VerificationRecord } | undefined> {
    const study = (await this.studies.findById(verification.studyId, tx))!;
    const nextSeq = verification.nextSeq + 1;
    await this.verifications.moveTo(verification.id, nextSeq, tx);
    if (nextSeq < verification.plan.length) return { study, verification: { ...verification, nextSeq } };
    const measurements = await this.verifications.measurements(verification.id, tx);
    const baselineTrial = (await this.trials.findBaseline(study.id, tx))!.number;
    const report: VerificationReport = verificationReport(studyObjectives(study.spec), verification.plan, measurements, baselineTrial);
    if ('problem' in report) {
      await this.verifications.end(verification.id, 'FAILED', { error: report.problem }, tx);
      await this.events.append([{ studyId: study.id, event: { kind: 'verification-failed', verificationId: verification.id, reason: report.problem } }], tx);
      return undefined;
    }
    await this.verifications.end(verification.id, 'COMPLETE', { report: report as unknown as Record<string, unknown> }, tx);
    await this.events.append([{ studyId: study.id, event: verdictEvent(verification.id, report) }], tx);
    return undefined;
  }
}

function measurementOf(result: TrialResultJob, planned: PlannedMeasurement) {
  const started = Date.parse(result.startedAt);
  const counted = result.measurements?.filter((m) => !m.warmup).at(-1);
  return {
    seq: planned.seq,
    trialNumber: planned.trialNumber,
    state: result.outcome,
    ...(result.outcome === 'COMPLETE' && { metrics: counted?.metrics ?? result.metrics ?? {} }),
    ...(result.error !== undefined && { error: result.error }),
    durationMs: Math.max(0, Date.parse(result.finishedAt) - started),
    workerId: result.workerId,
    startedAt: new Date(started),
  };
}
