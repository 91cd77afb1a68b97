import { isPending } from '@attune/core/trial/trial-state';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import type { Transaction } from '@attune/persistence/transaction';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { TrialHistory } from './trial-history.service';

/** A pending trial is checked against BullMQ once it is this many sweeps old. */
const RECHECK_AFTER_SWEEPS = 5;

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
 * result past trialTimeoutSec plus a grace is TIMED_OUT.
 */
@Injectable()
export class TrialReconciler {
  private readonly logger = new Logger(TrialReconciler.name);

  constructor(
    private readonly trials: TrialRepository,
    private readonly history: TrialHistory,
    private readonly queues: EvaluationQueues,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {}

  async reconcile(study: StudyRecord, history: TrialRecord[], tx: Transaction): Promise<Reconciliation> {
    const pending = history.filter((t) => isPending(t.state));
    if (pending.length === 0) return { trials: history, missingJobs: [] };
    const timedOut = await this.timeOut(study, pending, tx);
    // Fresh trials are followed by the queue events; only those pending for a few sweeps are checked against BullMQ.
    const checkBefore = Date.now() - RECHECK_AFTER_SWEEPS * this.config.sweepMs;
    const live = pending.filter((t) => !timedOut.has(t.id) && t.createdAt.getTime() <= checkBefore);
    const states = await Promise.all(live.map((t) => this.queues.state(study.spec.target, t.id)));
    const missingJobs: TrialRecord[] = [];
    let changed = timedOut.size > 0;
    for (const [i, trial] of live.entries()) {
      const state = states[i];
      if (state === 'unknown') missingJobs.push(trial);
      else if (state === 'failed') changed = (await this.failed(study, trial, tx)) || changed;
      else if (trial.state === 'QUEUED' && (state === 'active' || state === 'completed')) changed = (await this.started(study, trial, tx)) || changed;
    }
    if (missingJobs.length > 0) this.logger.warn(`study ${study.id}: re-enqueueing ${missingJobs.length} trial job(s) missing from the queue`);
    return { trials: changed ? await this.history.load(study.id, tx) : history, missingJobs };
  }

  private async failed(study: StudyRecord, trial: TrialRecord, tx: Transaction): Promise<boolean> {
    const details = await this.queues.details(study.spec.target, trial.id);
    const reason = `evaluation job failed: ${details?.failedReason ?? 'unknown reason'}`;
    return (await this.trials.finish(trial.id, { state: 'FAILED', error: reason }, study.id, tx)) !== undefined;
  }

  private async started(study: StudyRecord, trial: TrialRecord, tx: Transaction): Promise<boolean> {
    const processedOn = (await this.queues.details(study.spec.target, trial.id))?.processedOn;
    return (await this.trials.markRunning([trial.id], processedOn ? new Date(processedOn) : new Date(), tx)) > 0;
  }

  private async timeOut(study: StudyRecord, pending: readonly TrialRecord[], tx: Transaction): Promise<Set<string>> {
    const { trialTimeoutSec } = study.spec.budget;
    const limitMs = (trialTimeoutSec + this.config.timeoutGraceSec) * 1000;
    const now = Date.now();
    const late = pending.filter((t) => t.state === 'RUNNING' && t.startedAt && now - t.startedAt.getTime() > limitMs);
    const reason = `no result within trialTimeoutSec (${trialTimeoutSec} s) plus ${this.config.timeoutGraceSec} s grace`;
    return new Set(await this.trials.finishPending(late.map((t) => t.id), 'TIMED_OUT', reason, tx));
  }
}
