import { evaluationQueueName } from '@attune/queue/queue-names';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { redisConnection } from '@attune/queue/redis-connection';
import { logConnectionErrors } from '../queues/log-connection-errors';
import { settleWithin } from '../queues/settle-within';
import { ResultIngestionService } from './result-ingestion.service';

// Job ids of evaluation jobs are trial ids; anything else on the queue is not ours to record.
const TRIAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REFRESH_MS = 5000;

// Started trials are marked RUNNING in batches: one UPDATE per flush, not per event.
const FLUSH_MS = 20;

/**
 * Listens, best effort, to the evaluation queues of running studies' targets:
 * `active` marks the trial RUNNING, `failed` (for good) fails it. Events
 * missed while down are made good by the driver's sweep, which asks BullMQ
 * for the state of each pending trial's job.
 */
@Injectable()
export class EvaluationEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EvaluationEvents.name);
  private readonly listeners = new Map<string, QueueEvents>();
  private started = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  private refresh?: NodeJS.Timeout;
  private closed = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly studies: StudyRepository,
    private readonly ingestion: ResultIngestionService,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {}

  /** Watches the targets of running studies now and every few seconds (studies created through other coordinators). */
  async onApplicationBootstrap(): Promise<void> {
    await this.watchRunningTargets();
    this.refresh = setInterval(() => void this.watchRunningTargets(), REFRESH_MS);
    this.refresh.unref();
  }

  /** Starts listening to a target's evaluation queue (once per target). */
  watch(target: string): void {
    if (this.closed || this.listeners.has(target)) return;
    const events = new QueueEvents(evaluationQueueName(target), {
      connection: redisConnection(this.config.redisUrl),
      prefix: this.config.queuePrefix,
    });
    events.on('active', ({ jobId }) => TRIAL_ID.test(jobId) && this.onActive(jobId));
    events.on('failed', ({ jobId, failedReason }) => {
      if (!TRIAL_ID.test(jobId)) return;
      this.ingestion.recordJobFailure(jobId, failedReason).catch((e) => this.warn('failed', jobId, e));
    });
    logConnectionErrors(events, `events of target ${target}`, this.logger);
    this.listeners.set(target, events);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearInterval(this.refresh);
    // Events are best effort: do not let a vanished Redis hold the shutdown.
    await Promise.all([...this.listeners.values()].map((l) => settleWithin(l.close(), 2000)));
    this.listeners.clear();
    clearTimeout(this.flushTimer);
    await this.flush();
  }

  private async watchRunningTargets(): Promise<void> {
    try {
      for (const target of await this.studies.runningTargets()) this.watch(target);
    } catch (e) {
      this.logger.warn(`could not list the targets of running studies: ${(e as Error).message}`);
    }
  }

  private onActive(jobId: string): void {
    this.started.add(jobId);
    this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  private flush(): Promise<void> {
    this.flushTimer = undefined;
    const ids = [...this.started];
    this.started = new Set();
    if (ids.length === 0) return this.flushing;
    this.flushing = this.flushing
      .then(() => this.ingestion.recordStarted(ids))
      .catch((e) => this.warn('active', ids.join(','), e));
    return this.flushing;
  }

  private warn(event: string, jobId: string, e: unknown): void {
    this.logger.warn(`could not record "${event}" of job ${jobId}: ${(e as Error).message}`);
  }
}
