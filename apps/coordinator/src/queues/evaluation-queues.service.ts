import { requiredMetrics, studyObjectives } from '@attune/core/objective/study-objectives';
import { createBullMqTelemetry } from '@attune/telemetry/bullmq-telemetry';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import type { EvaluateTrialJob, VerificationTag } from '@attune/queue/evaluate-trial.job';
import type { Params } from '@attune/core/search-space/parameter';
import { jobToAdd } from '@attune/queue/job-contracts';
import { jobIdForTrial } from '@attune/queue/job-ids';
import { evaluationQueueName } from '@attune/queue/queue-names';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobState } from 'bullmq';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import type { TrialRoots } from '../tracing/trial-roots';
import { logConnectionErrors } from './log-connection-errors';
import { SharedRedis } from './shared-redis.service';

/** Where an evaluation job stands in BullMQ ('unknown' when there is no such job). */
export type EvaluationJobState = JobState | 'unknown';

export interface EvaluationJobDetails {
  readonly failedReason?: string;
  /** Epoch milliseconds when a worker took the job. */
  readonly processedOn?: number;
  /** The worker (its ATTUNE_WORKER_ID) that took it last. */
  readonly processedBy?: string;
}

/** A queue not used for this long is closed; the next use opens it again. */
export const IDLE_QUEUE_MS = 5 * 60_000;

interface OpenQueue {
  readonly queue: Queue;
  lastUsed: number;
}

/**
 * The per-target evaluation queues: enqueue, inspect and remove trial jobs
 * (job id = trial id). Every queue runs on the one shared Redis connection,
 * and a queue no running study has used for IDLE_QUEUE_MS is closed (the
 * driver's sweep touches the queue of every running study's target).
 */
@Injectable()
export class EvaluationQueues implements OnApplicationShutdown {
  private readonly logger = new Logger(EvaluationQueues.name);
  private readonly queues = new Map<string, OpenQueue>();
  private readonly telemetry = createBullMqTelemetry('attune-coordinator');
  private readonly idleTimer: NodeJS.Timeout;

  constructor(
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
    private readonly redis: SharedRedis,
  ) {
    this.idleTimer = setInterval(() => void this.closeIdle(Date.now() - IDLE_QUEUE_MS), IDLE_QUEUE_MS / 5);
    this.idleTimer.unref();
  }

  /**
   * Adds one job per trial, in one bulk. Idempotent: BullMQ ignores a job id
   * it already holds. Traced trials (`roots` recording) each carry their own
   * trial's context (`TrialRoots.enqueueBulk`).
   */
  async enqueue(spec: StudySpec, studyId: string, trials: readonly TrialRecord[], roots?: TrialRoots): Promise<void> {
    if (trials.length === 0) return;
    const queue = this.queue(spec.target);
    const jobs = trials.map((t) => jobToAdd('evaluate-trial', toJob(spec, studyId, t)));
    if (!roots?.recording) {
      await queue.addBulk(jobs);
      return;
    }
    await roots.enqueueBulk(queue.name, trials, jobs, (traced) => queue.addBulk(traced));
  }

  /**
   * Adds the job of one verification re-measurement: the study's job for
   * that configuration, measured once (after the study's warm-ups), under
   * the measurement's own id and tagged with its verification.
   */
  async enqueueMeasurement(spec: StudySpec, studyId: string, planned: { readonly measurementId: string; readonly trialNumber: number; readonly params: Params }, verification: VerificationTag): Promise<void> {
    const once = { repeats: 1, warmup: studyObjectives(spec).measurement.warmup };
    const job = toJob(spec, studyId, { id: planned.measurementId, number: planned.trialNumber, params: planned.params }, once);
    const { name, data, opts } = jobToAdd('evaluate-trial', { ...job, verification });
    await this.queue(spec.target).add(name, data, opts);
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
    return job ? { failedReason: job.failedReason || undefined, processedOn: job.processedOn ?? undefined, processedBy: job.processedBy || undefined } : undefined;
  }

  /** The queue of a target, created on first use. */
  queue(target: string): Queue {
    let open = this.queues.get(target);
    if (!open) {
      const queue = new Queue(evaluationQueueName(target), { connection: this.redis.client, prefix: this.config.queuePrefix, telemetry: this.telemetry });
      logConnectionErrors(queue, `queue ${queue.name}`, this.logger);
      open = { queue, lastUsed: 0 };
      this.queues.set(target, open);
    }
    open.lastUsed = Date.now();
    return open.queue;
  }

  /** Targets whose queue is open now. */
  openTargets(): string[] {
    return [...this.queues.keys()];
  }

  /**
   * Jobs active (taken by a worker) and waiting (waiting, prioritized or
   * delayed) in each open queue, one round trip per queue; reading them does
   * not count as a use (an idle queue still closes).
   */
  async jobCounts(): Promise<Map<string, { readonly active: number; readonly waiting: number }>> {
    const open = [...this.queues].map(async ([target, { queue }]) => {
      const c = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
      return [target, { active: c.active ?? 0, waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) }] as const;
    });
    return new Map(await Promise.all(open));
  }

  /** Closes the queues last used before `usedBefore` (epoch ms). The shared connection stays. */
  async closeIdle(usedBefore: number): Promise<void> {
    const idle = [...this.queues].filter(([, open]) => open.lastUsed < usedBefore);
    for (const [target] of idle) this.queues.delete(target);
    await Promise.all(idle.map(([, open]) => open.queue.close().catch(() => undefined)));
  }

  // Closed after the driver's ticks have finished (they stop in onModuleDestroy).
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.idleTimer);
    await this.closeIdle(Infinity);
  }
}

/** The job of one trial; `measured` is how many measurements to take (the study's by default). */
function toJob(spec: StudySpec, studyId: string, trial: Pick<TrialRecord, 'id' | 'number' | 'params'>, measured: { repeats: number; warmup: number } = studyObjectives(spec).measurement): EvaluateTrialJob {
  const required = requiredMetrics(studyObjectives(spec));
  const { repeats, warmup } = measured;
  return {
    studyId,
    trialId: trial.id,
    trialNumber: trial.number,
    target: spec.target,
    params: trial.params,
    metric: required[0],
    required,
    ...((repeats > 1 || warmup > 0) && { measurement: { repeats, warmup } }),
    timeoutSec: spec.budget.trialTimeoutSec,
  };
}
