import { RESULTS_QUEUE } from '@attune/queue/queue-names';
import { parseJob } from '@attune/queue/job-contracts';
import { redisProblem } from '@attune/queue/redis-probe';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { isDatabaseUnreachable } from '@attune/persistence/database-unreachable';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { COORDINATOR_CLIENT } from '../queues/connection-name';
import { throttled } from '@attune/queue/throttled';
import { settleWithin } from '../queues/settle-within';
import { withIngestionSpan } from '../tracing/ingestion-span';
import { OUTCOME_BATCH_MAX } from './outcome-batcher';
import { ResultIngestionService } from './result-ingestion.service';

/** Prefix of the failure reason of a result job whose payload is malformed. */
export const MALFORMED_RESULT = 'malformed trial result';

/** How soon a result is tried again when PostgreSQL could not be reached. */
export const DATABASE_RETRY_MS = 500;

/**
 * Result jobs in flight at once: as many as one write of the OutcomeBatcher
 * holds. A job stays active until its batch commits, so this bounds the batch
 * size; with 64 the results piled up in the queue while workers went idle.
 */
export const RESULTS_CONCURRENCY = OUTCOME_BATCH_MAX;

/**
 * Consumes the durable results queue: parse, then one service call. A
 * malformed payload fails for good. PostgreSQL unreachable (restarting, say)
 * is not the result's fault: it goes back to `delayed` for DATABASE_RETRY_MS
 * without using an attempt, so ingestion resumes within a second of the
 * database's return however long it was away (BullMQ's exponential backoff
 * would wait as long again). Any other error is left to BullMQ's retries.
 * Many results are in flight at once so that the ingestion writes them in
 * batches.
 */
// Named so that its blocking connection shows in CLIENT LIST as `<prefix>:<queue>:w:attune-coordinator`.
// An ingestion takes milliseconds and the event loop stays free (proposals run in threads), so a short
// lock is safe; it lets another coordinator take over the results a killed one held within seconds.
@Processor(RESULTS_QUEUE, { concurrency: RESULTS_CONCURRENCY, name: COORDINATOR_CLIENT, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 })
export class ResultsProcessor extends WorkerHost implements OnModuleDestroy {
  private readonly logger = new Logger(ResultsProcessor.name);
  private readonly logError = throttled((e: Error) => this.logger.warn(`worker of ${RESULTS_QUEUE}: ${e.message}`));

  constructor(
    private readonly ingestion: ResultIngestionService,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {
    super();
  }

  async process(job: Job<unknown>, token?: string): Promise<{ recorded: boolean }> {
    const parsed = parseJob('trial-result', job.data);
    if (!parsed.ok) throw new UnrecoverableError(`${MALFORMED_RESULT}: ${parsed.problems}`);
    try {
      return { recorded: await withIngestionSpan(parsed.data, () => this.ingestion.ingest(parsed.data)) };
    } catch (e) {
      if (!isDatabaseUnreachable(e) || !token) throw e;
      await job.moveToDelayed(Date.now() + DATABASE_RETRY_MS, token);
      throw new DelayedError();
    }
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logError(error);
  }

  /**
   * Stops consuming before the database closes, letting running ingestions
   * finish. With Redis gone a graceful close() would wait forever, so it is
   * forced; an ingestion cut short is delivered again later (idempotent).
   */
  async onModuleDestroy(): Promise<void> {
    const graceful = (await redisProblem(this.config.redisUrl, 1000, this.config.redisTls)) === undefined;
    await settleWithin(this.worker.close(!graceful), 10_000);
  }
}
