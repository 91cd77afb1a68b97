import { isDatabaseUnreachable } from '@attune/persistence/database-unreachable';
import { parseJob } from '@attune/queue/job-contracts';
import { STEPS_QUEUE } from '@attune/queue/queue-names';
import { redisProblem } from '@attune/queue/redis-probe';
import { throttled } from '@attune/queue/throttled';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { StepIngestion, type StepsIngested } from '../pruning/step-ingestion.service';
import { COORDINATOR_CLIENT } from '../queues/connection-name';
import { settleWithin } from '../queues/settle-within';
import { DATABASE_RETRY_MS } from './results.processor';

/** Prefix of the failure reason of a steps job whose payload is malformed. */
export const MALFORMED_STEPS = 'malformed trial steps';

/**
 * Steps jobs in flight at once. A job stays active until its study's
 * decision round is done, so the reports that arrive during a round are
 * decided together in the next; bounded, since each holds a statement's
 * worth of steps in memory.
 */
export const STEPS_CONCURRENCY = 64;

/**
 * Consumes the durable steps queue as ResultsProcessor does the results: a
 * malformed payload fails for good (naming the field), PostgreSQL
 * unreachable sends the job back to `delayed` without using an attempt, any
 * other error is left to BullMQ's retries (storing is idempotent per step,
 * and the decision is made again).
 */
@Processor(STEPS_QUEUE, { concurrency: STEPS_CONCURRENCY, name: COORDINATOR_CLIENT, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 })
export class StepsProcessor extends WorkerHost implements OnModuleDestroy {
  private readonly logger = new Logger(StepsProcessor.name);
  private readonly logError = throttled((e: Error) => this.logger.warn(`worker of ${STEPS_QUEUE}: ${e.message}`));

  constructor(
    private readonly ingestion: StepIngestion,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {
    super();
  }

  async process(job: Job<unknown>, token?: string): Promise<StepsIngested> {
    const parsed = parseJob('trial-steps', job.data);
    if (!parsed.ok) throw new UnrecoverableError(`${MALFORMED_STEPS}: ${parsed.problems}`);
    try {
      return await this.ingestion.ingest(parsed.data);
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

  /** Stops consuming before the database closes (see ResultsProcessor.onModuleDestroy). */
  async onModuleDestroy(): Promise<void> {
    const graceful = (await redisProblem(this.config.redisUrl, 1000, this.config.redisTls)) === undefined;
    await settleWithin(this.worker.close(!graceful), 10_000);
  }
}
