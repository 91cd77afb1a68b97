import { createBullMqTelemetry } from '@attune/telemetry/bullmq-telemetry';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { EVALUATE_TRIAL_JOB, type EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { jobIdForTrial } from '@attune/queue/job-ids';
import { evaluationQueueName } from '@attune/queue/queue-names';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobState } from 'bullmq';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { redisConnection } from '@attune/queue/redis-connection';
import { logConnectionErrors } from './log-connection-errors';

/** Where an evaluation job stands in BullMQ ('unknown' when there is no such job). */
export type EvaluationJobState = JobState | 'unknown';

export interface EvaluationJobDetails {
  readonly failedReason?: string;
  /** Epoch milliseconds when a worker took the job. */
  readonly processedOn?: number;
}

// Completed jobs stay a day, so the sweep can tell "finished, result in transit" from "never enqueued".
const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** The per-target evaluation queues: enqueue, inspect and remove trial jobs (job id = trial id). */
@Injectable()
export class EvaluationQueues implements OnApplicationShutdown {
  private readonly logger = new Logger(EvaluationQueues.name);
  private readonly queues = new Map<string, Queue>();
  private readonly telemetry = createBullMqTelemetry('attune-coordinator');

  constructor(@Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig) {}

  /** Adds one job per trial. Idempotent: BullMQ ignores a job id it already holds. */
  async enqueue(spec: StudySpec, studyId: string, trials: readonly TrialRecord[]): Promise<void> {
    if (trials.length === 0) return;
    const jobs = trials.map((t) => ({
      name: EVALUATE_TRIAL_JOB,
      data: toJob(spec, studyId, t),
      opts: { ...JOB_OPTIONS, jobId: jobIdForTrial(t.id) },
    }));
    await this.queue(spec.target).addBulk(jobs);
  }

  /** Removes the jobs of trials that will not run (waiting or delayed; a running job cannot be removed). */
  async remove(target: string, trialIds: readonly string[]): Promise<void> {
    const queue = this.queue(target);
    await Promise.all(trialIds.map((id) => queue.remove(jobIdForTrial(id)).catch(() => 0)));
  }

  /** Where a trial's job stands ('unknown' when there is no such job). */
  async state(target: string, trialId: string): Promise<EvaluationJobState> {
    return this.queue(target).getJobState(jobIdForTrial(trialId));
  }

  /** Why a trial's job failed and when a worker took it, if it still exists. */
  async details(target: string, trialId: string): Promise<EvaluationJobDetails | undefined> {
    const job = await this.queue(target).getJob(jobIdForTrial(trialId));
    return job ? { failedReason: job.failedReason || undefined, processedOn: job.processedOn ?? undefined } : undefined;
  }

  /** The queue of a target, created on first use. */
  queue(target: string): Queue {
    let queue = this.queues.get(target);
    if (!queue) {
      queue = new Queue(evaluationQueueName(target), {
        connection: redisConnection(this.config.redisUrl),
        prefix: this.config.queuePrefix,
        telemetry: this.telemetry,
      });
      logConnectionErrors(queue, `queue ${queue.name}`, this.logger);
      this.queues.set(target, queue);
    }
    return queue;
  }

  // Closed after the driver's ticks have finished (they stop in onModuleDestroy).
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

function toJob(spec: StudySpec, studyId: string, trial: TrialRecord): EvaluateTrialJob {
  return {
    studyId,
    trialId: trial.id,
    trialNumber: trial.number,
    target: spec.target,
    params: trial.params,
    metric: spec.objective.metric,
    timeoutSec: spec.budget.trialTimeoutSec,
  };
}
