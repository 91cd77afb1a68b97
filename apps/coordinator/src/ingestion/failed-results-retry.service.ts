import { RESULTS_QUEUE } from '@attune/queue/queue-names';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { logConnectionErrors } from '../queues/log-connection-errors';
import { MALFORMED_RESULT } from './results.processor';

/**
 * At start, gives another chance to results whose ingestion ran out of
 * retries (the database down for long, say); malformed ones stay failed. Runs
 * in the background, so the coordinator starts (and answers /health with
 * 503) while Redis is down.
 */
@Injectable()
export class FailedResultsRetry implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(FailedResultsRetry.name);

  constructor(@InjectQueue(RESULTS_QUEUE) private readonly queue: Queue) {}

  onModuleInit(): void {
    logConnectionErrors(this.queue, `queue ${RESULTS_QUEUE}`, this.logger);
  }

  onApplicationBootstrap(): void {
    this.retry().catch((e) => this.logger.warn(`could not retry failed results: ${(e as Error).message}`));
  }

  private async retry(): Promise<void> {
    const failed = await this.queue.getFailed(0, 999);
    const retriable = failed.filter((job) => !job.failedReason?.startsWith(MALFORMED_RESULT));
    if (retriable.length === 0) return;
    this.logger.warn(`retrying ${retriable.length} result(s) whose ingestion failed before`);
    await Promise.all(retriable.map((job) => job.retry('failed')));
  }
}
