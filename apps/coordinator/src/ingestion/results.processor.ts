import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import { RESULTS_QUEUE } from '@attune/queue/queue-names';
import { trialResultJobSchema } from '@attune/queue/trial-result.job';
import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Inject, Logger } from '@nestjs/common';
import { Queue, UnrecoverableError, type Job } from 'bullmq';
import { logConnectionErrors, throttled } from '../queues/log-connection-errors';
import { redisReachable } from '../queues/redis-reachable';
import { settleWithin } from '../queues/settle-within';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { ResultIngestionService } from './result-ingestion.service';

const MALFORMED = 'malformed trial result';

/**
 * Consumes the durable results queue: parse, then one service call. A
 * malformed payload fails for good; any other error (the database briefly
 * down, say) is left to BullMQ's retries.
 */
// Many results in flight at once, so the ingestion can write them in batches.
@Processor(RESULTS_QUEUE, { concurrency: 64 })
export class ResultsProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ResultsProcessor.name);

  constructor(
    private readonly ingestion: ResultIngestionService,
    @InjectQueue(RESULTS_QUEUE) private readonly queue: Queue,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {
    super();
  }

  async process(job: Job<unknown>): Promise<{ recorded: boolean }> {
    const parsed = trialResultJobSchema.safeParse(job.data, { reportInput: true });
    if (!parsed.success) {
      const issues = formatZodIssues(parsed.error.issues).map((i) => `${i.path}: ${i.message}`);
      throw new UnrecoverableError(`${MALFORMED}: ${issues.join('; ')}`);
    }
    return { recorded: await this.ingestion.ingest(parsed.data) };
  }

  onModuleInit(): void {
    logConnectionErrors(this.queue, `queue ${RESULTS_QUEUE}`, this.logger);
  }

  /** In the background: the coordinator starts (and answers /health with 503) while Redis is down. */
  onApplicationBootstrap(): void {
    this.retryFailedIngestions().catch((e) => this.logger.warn(`could not retry failed results: ${(e as Error).message}`));
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.workerErrors(error);
  }

  private readonly workerErrors = throttled((e: Error) => this.logger.warn(`worker of ${RESULTS_QUEUE}: ${e.message}`));

  /**
   * Results whose ingestion ran out of retries (the database down for long,
   * say) get another chance at start. Malformed ones stay failed.
   */
  private async retryFailedIngestions(): Promise<void> {
    const failed = await this.queue.getFailed(0, 999);
    const retriable = failed.filter((job) => !job.failedReason?.startsWith(MALFORMED));
    if (retriable.length === 0) return;
    this.logger.warn(`retrying ${retriable.length} result(s) whose ingestion failed before`);
    await Promise.all(retriable.map((job) => job.retry('failed')));
  }

  /**
   * Stops consuming before the database closes, letting running ingestions
   * finish. With Redis gone a graceful close() would wait forever, so it is
   * forced; an ingestion cut short is delivered again later (idempotent).
   */
  async onModuleDestroy(): Promise<void> {
    const graceful = await redisReachable(this.config.redisUrl);
    await settleWithin(this.worker.close(!graceful), 10_000);
  }
}
