import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { BatchObservableCallback, Meter, ObservableGauge } from '@opentelemetry/api';
import { instruments } from '@attune/telemetry/instruments';
import { COORDINATOR_METRICS as M } from '@attune/telemetry/metric-names';
import { throttled } from '@attune/queue/throttled';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { settleWithin } from '../queues/settle-within';
import { COORDINATOR_METER } from './coordinator-meter';

/** Counts are read from Redis at most this often, however often /metrics is scraped. */
export const QUEUE_COUNTS_MAX_AGE_MS = 5_000;
/** A scrape waits at most this long for fresh counts (Redis down: it gets the last ones). */
const READ_WAIT_MS = 1_000;

type Counts = Awaited<ReturnType<EvaluationQueues['jobCounts']>>;

/**
 * Trials in flight and queue depth per target, as observable gauges read at
 * each collection (a scrape, an OTLP export) from BullMQ's job counts of the
 * queues this coordinator has open. The counts are cached: at most one read
 * per QUEUE_COUNTS_MAX_AGE_MS, shared by concurrent collections, and bounded
 * in time, so a scrape never hammers nor waits on Redis. Every coordinator
 * reads the same queues: take the max per target, not the sum.
 */
@Injectable()
export class QueueGauges implements OnModuleDestroy {
  private readonly logger = new Logger(QueueGauges.name);
  private readonly warn = throttled((e: Error) => this.logger.warn(`queue depth metrics: ${e.message}`));
  private readonly inFlight: ObservableGauge;
  private readonly depth: ObservableGauge;
  private readonly callback: BatchObservableCallback = async (result) => {
    for (const [target, c] of await this.counts()) {
      result.observe(this.inFlight, c.active, { target });
      result.observe(this.depth, c.waiting, { target });
    }
  };
  private last: Counts = new Map();
  private readAt = -Infinity;
  private reading?: Promise<void>;

  constructor(
    private readonly queues: EvaluationQueues,
    @Inject(COORDINATOR_METER) private readonly meter: Meter,
  ) {
    this.inFlight = instruments.observableGauge(meter, M.trialsInFlight);
    this.depth = instruments.observableGauge(meter, M.queueDepth);
    meter.addBatchObservableCallback(this.callback, [this.inFlight, this.depth]);
  }

  onModuleDestroy(): void {
    this.meter.removeBatchObservableCallback(this.callback, [this.inFlight, this.depth]);
  }

  private async counts(): Promise<Counts> {
    if (Date.now() - this.readAt >= QUEUE_COUNTS_MAX_AGE_MS) {
      this.reading ??= this.queues
        .jobCounts()
        .then(
          (counts) => void (this.last = counts),
          (e: Error) => this.warn(e),
        )
        // A failed read waits its turn too: Redis down is not asked at every scrape.
        .finally(() => {
          this.readAt = Date.now();
          this.reading = undefined;
        });
      await settleWithin(this.reading, READ_WAIT_MS);
    }
    return this.last;
  }
}
