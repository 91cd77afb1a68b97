import { studyObjectives } from '@attune/core/objective/study-objectives';
import type { StudyEvent } from '@attune/core/events/study-event';
import { isPending } from '@attune/core/trial/trial-state';
import { describeEvaluationJobFailure } from '@attune/queue/evaluation-job-failure';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import type { Transaction } from '@attune/persistence/transaction';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { StudyEventWriter } from '../events/study-event-writer.service';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { servedUntil } from '../workers/target-coverage';
import { WorkerDirectory } from '../workers/worker-directory.service';
import { TrialHistory } from './trial-history.service';

/** A pending trial is checked against BullMQ once it is this many sweeps old. */
const RECHECK_AFTER_SWEEPS = 5;

/** What BullMQ said of the pending trials. */
interface Inspection {
  readonly missingJobs: TrialRecord[];
  readonly failed: { trial: TrialRecord; reason: string }[];
  readonly started: { trial: TrialRecord; at: Date }[];
}

/** What reconciliation found: the history after its fixes, and trials whose job must be enqueued again. */
export interface Reconciliation {
  readonly trials: TrialRecord[];
  readonly missingJobs: TrialRecord[];
}

/**
 * Brings pending trials in line with BullMQ, for whatever events were missed
 * (a coordinator down, an event stream trimmed), once they have been pending
 * for RECHECK_AFTER_SWEEPS sweeps (younger ones are left to the events, which
 * keeps a sweep of many busy studies cheap): a job that is gone is
 * enqueued again (same job id, idempotent); a failed job fails its trial; a
 * job taken by a worker marks its trial RUNNING; a RUNNING trial with no
 * result past trialTimeoutSec plus a grace is TIMED_OUT; a QUEUED trial that
 * has waited ATTUNE_QUEUED_TIMEOUT_SEC while no live worker served its target
 * FAILS with the reason (a study on a mistyped target, or a queue prefix no
 * worker uses, ends instead of waiting forever). Each change appends
 * its event (`trial-started`, `trial-finished`) in the tick's transaction.
 */
@Injectable()
export class TrialReconciler {
  private readonly logger = new Logger(TrialReconciler.name);

  constructor(
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly history: TrialHistory,
    private readonly queues: EvaluationQueues,
    private readonly events: StudyEventWriter,
    private readonly workers: WorkerDirectory,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {}

  async reconcile(study: StudyRecord, history: TrialRecord[], tx: Transaction): Promise<Reconciliation> {
    const pending = history.filter((t) => isPending(t.state));
    if (pending.length === 0) return { trials: history, missingJobs: [] };
    const late = this.late(study, pending);
    const unserved = await this.unserved(study, pending);
    // Fresh trials are followed by the queue events; only those pending for a few sweeps are checked against BullMQ.
    const checkBefore = Date.now() - RECHECK_AFTER_SWEEPS * this.config.sweepMs;
    const skip = new Set([...late, ...unserved.map((u) => u.trial)]);
    const found = await this.inspect(study, pending.filter((t) => !skip.has(t) && t.createdAt.getTime() <= checkBefore));
    found.failed.push(...unserved);
    // A worker that comes later must not run them (a job removed before a rollback is enqueued again as missing).
    if (unserved.length > 0) await this.queues.remove(study.spec.target, unserved.map((u) => u.trial.id));
    if (found.missingJobs.length > 0) this.logger.warn(`study ${study.id}: re-enqueueing ${found.missingJobs.length} trial job(s) missing from the queue`);
    if (late.length + found.failed.length + found.started.length === 0) return { trials: history, missingJobs: found.missingJobs };
    // Asked of BullMQ first, so the study row is locked (before its trials, as every event writer does) only to write.
    await this.studies.lockForEvents([study.id], tx);
    const events = [...(await this.timeOut(study, late, tx)), ...(await this.fail(found.failed, tx)), ...(await this.start(found.started, tx))];
    await this.events.append(events.map((event) => ({ studyId: study.id, event })), tx);
    return { trials: events.length > 0 ? await this.history.load(study.id, tx) : history, missingJobs: found.missingJobs };
  }

  /** What BullMQ says of each live pending trial's job. */
  private async inspect(study: StudyRecord, live: readonly TrialRecord[]): Promise<Inspection> {
    const states = await Promise.all(live.map((t) => this.queues.state(study.spec.target, t.id)));
    const found: Inspection = { missingJobs: [], failed: [], started: [] };
    for (const [i, trial] of live.entries()) {
      const state = states[i];
      if (state === 'unknown') found.missingJobs.push(trial);
      else if (state === 'failed') {
        const details = await this.queues.details(study.spec.target, trial.id);
        found.failed.push({ trial, reason: describeEvaluationJobFailure(details?.failedReason ?? 'unknown reason') });
      } else if (trial.state === 'QUEUED' && (state === 'active' || state === 'completed')) {
        const processedOn = (await this.queues.details(study.spec.target, trial.id))?.processedOn;
        found.started.push({ trial, at: processedOn ? new Date(processedOn) : new Date() });
      }
    }
    return found;
  }

  private async fail(failed: Inspection['failed'], tx: Transaction): Promise<StudyEvent[]> {
    const events: StudyEvent[] = [];
    for (const { trial, reason } of failed) {
      if ((await this.trials.finish(trial.id, { state: 'FAILED', error: reason }, trial.studyId, tx)) === undefined) continue;
      events.push({ kind: 'trial-finished', trialId: trial.id, number: trial.number, state: 'FAILED', error: reason });
    }
    return events;
  }

  private async start(started: Inspection['started'], tx: Transaction): Promise<StudyEvent[]> {
    const events: StudyEvent[] = [];
    for (const { trial, at } of started) {
      for (const moved of await this.trials.markRunning([trial.id], at, tx)) events.push({ kind: 'trial-started', trialId: moved.id, number: moved.number });
    }
    return events;
  }

  /** QUEUED trials that waited ATTUNE_QUEUED_TIMEOUT_SEC with no live worker for their target (none while the registry cannot be read). */
  private async unserved(study: StudyRecord, pending: readonly TrialRecord[]): Promise<Inspection['failed']> {
    const queued = pending.filter((t) => t.state === 'QUEUED');
    if (queued.length === 0) return [];
    const snapshot = await this.workers.snapshot().catch(() => undefined);
    const why = snapshot && this.workers.reasonNoWorker(study.spec.target, snapshot);
    if (!snapshot || !why) return [];
    const limitMs = this.config.queuedTimeoutSec * 1000;
    const since = servedUntil(study.spec.target, snapshot.records);
    const reason = `waited in QUEUED for more than ATTUNE_QUEUED_TIMEOUT_SEC (${this.config.queuedTimeoutSec} s): ${why}`;
    return queued.filter((t) => snapshot.nowMs - Math.max(t.createdAt.getTime(), since) > limitMs).map((trial) => ({ trial, reason }));
  }

  /** RUNNING trials past their timeout plus the grace: each measurement (warm-ups and repeats) has the whole trialTimeoutSec. */
  private late(study: StudyRecord, pending: readonly TrialRecord[]): TrialRecord[] {
    const limitMs = (trialTimeLimitSec(study) + this.config.timeoutGraceSec) * 1000;
    const now = Date.now();
    return pending.filter((t) => t.state === 'RUNNING' && t.startedAt && now - t.startedAt.getTime() > limitMs);
  }

  private async timeOut(study: StudyRecord, late: readonly TrialRecord[], tx: Transaction): Promise<StudyEvent[]> {
    const { trialTimeoutSec } = study.spec.budget;
    const measurements = measurementsPerTrial(study);
    const limit = measurements > 1 ? `${measurements} measurements of trialTimeoutSec (${trialTimeoutSec} s) each` : `trialTimeoutSec (${trialTimeoutSec} s)`;
    const reason = `no result within ${limit} plus ${this.config.timeoutGraceSec} s grace`;
    const moved = new Set(await this.trials.finishPending(late.map((t) => t.id), 'TIMED_OUT', reason, tx));
    return late
      .filter((t) => moved.has(t.id))
      .map((t) => ({ kind: 'trial-finished', trialId: t.id, number: t.number, state: 'TIMED_OUT', error: reason }) as const);
  }
}

/** Measurements a worker takes of each trial of the study (warm-ups and repeats). */
function measurementsPerTrial(study: StudyRecord): number {
  const { repeats, warmup } = studyObjectives(study.spec).measurement;
  return repeats + warmup;
}

function trialTimeLimitSec(study: StudyRecord): number {
  return study.spec.budget.trialTimeoutSec * measurementsPerTrial(study);
}
