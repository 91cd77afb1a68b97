import { evaluationQueueName } from '@attune/queue/queue-names';
import { redisConnection } from '@attune/queue/redis-connection';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { QueueKeys } from 'bullmq';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { coordinatorConnectionName } from '../queues/connection-name';
import { throttled } from '@attune/queue/throttled';
import { ResultIngestionService } from './result-ingestion.service';

// Job ids of evaluation jobs are trial ids; anything else on the queue is not ours to record.
const TRIAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REFRESH_MS = 5000;
// A read blocks at most this long, so a target watched meanwhile is read from within it.
const BLOCK_MS = 1000;
// Entries per stream and read; a burst larger than this is read over several.
const READ_COUNT = 1000;
// A newly watched stream is read from a little in the past (stream ids are Redis's clock), to cover the jobs of a study created just now.
const LOOKBACK_MS = 5000;
// Started trials are marked RUNNING in batches: one UPDATE per flush, not per event.
const FLUSH_MS = 20;

interface Cursor {
  /** Id of the last entry read (or where to start). */
  id: string;
  /** Refreshes in a row that found no running study on the target. */
  unused: number;
}

/**
 * Follows, best effort, the event streams of the evaluation queues of running
 * studies' targets, all of them with one blocking `XREAD` on one connection
 * (BullMQ's QueueEvents takes a blocking connection per queue): `active` marks
 * the trial RUNNING, `failed` (for good) fails it. Events missed while down
 * are made good by the driver's sweep, which asks BullMQ for the state of
 * each pending trial's job; workers also post a FAILED result for a job that
 * failed for good. Targets no running study uses are dropped.
 *
 * Chosen over a "trial started" job on the results queue, which would double
 * the jobs that queue carries (the throughput bottleneck of ingestion), and
 * over the sweep alone, which would mark trials RUNNING up to ATTUNE_SWEEP_MS
 * late (and never, for evaluations shorter than that).
 */
@Injectable()
export class EvaluationEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EvaluationEvents.name);
  private readonly logReadError = throttled((e: Error) => this.logger.warn(`could not read evaluation events: ${e.message}`));
  private readonly keys: QueueKeys;
  /** Events stream key of each watched target. */
  private readonly cursors = new Map<string, Cursor>();
  private readonly redis: Redis;
  private started = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  private refresh?: NodeJS.Timeout;
  private reading?: Promise<void>;
  private closed = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly studies: StudyRepository,
    private readonly ingestion: ResultIngestionService,
    @Inject(COORDINATOR_CONFIG) config: CoordinatorConfig,
  ) {
    this.keys = new QueueKeys(config.queuePrefix);
    this.redis = new Redis(redisConnection(config.redisUrl, coordinatorConnectionName(config.queuePrefix, 'events'), config.redisTls));
    // Read errors are logged by the reading loop; connection errors repeat them.
    this.redis.on('error', () => undefined);
  }

  /** Watches the targets of running studies now and every few seconds (studies created through other coordinators). */
  async onApplicationBootstrap(): Promise<void> {
    await this.refreshTargets();
    this.refresh = setInterval(() => void this.refreshTargets(), REFRESH_MS);
    this.refresh.unref();
    this.reading = this.read();
  }

  /** Starts following a target's evaluation queue (once per target). */
  watch(target: string): void {
    if (this.closed) return;
    const key = this.streamOf(target);
    const cursor = this.cursors.get(key);
    if (cursor) cursor.unused = 0;
    else this.cursors.set(key, { id: `${Date.now() - LOOKBACK_MS}-0`, unused: 0 });
  }

  /** Keys of the event streams followed now (one per watched target). */
  watchedStreams(): string[] {
    return [...this.cursors.keys()];
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearInterval(this.refresh);
    // Interrupts the blocking read; events are best effort and must not hold the shutdown.
    this.redis.disconnect();
    await this.reading;
    clearTimeout(this.flushTimer);
    await this.flush();
  }

  private streamOf(target: string): string {
    return this.keys.toKey(evaluationQueueName(target), 'events');
  }

  private async refreshTargets(): Promise<void> {
    let targets: string[];
    try {
      targets = await this.studies.runningTargets();
    } catch (e) {
      this.logger.warn(`could not list the targets of running studies: ${(e as Error).message}`);
      return;
    }
    const running = new Set(targets.map((t) => this.streamOf(t)));
    // Twice in a row, so that a target watched while the query ran is not dropped on the spot.
    for (const [key, cursor] of this.cursors) if (!running.has(key) && ++cursor.unused >= 2) this.cursors.delete(key);
    for (const target of targets) this.watch(target);
  }

  private async read(): Promise<void> {
    while (!this.closed) {
      const keys = [...this.cursors.keys()];
      if (keys.length === 0) {
        await sleep(BLOCK_MS);
        continue;
      }
      try {
        const ids = keys.map((k) => this.cursors.get(k)?.id ?? '$');
        const reply = await this.redis.xread('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids);
        for (const [key, entries] of reply ?? []) this.consume(key, entries);
      } catch (e) {
        if (this.closed) return;
        this.logReadError(e as Error);
        await sleep(BLOCK_MS);
      }
    }
  }

  private consume(key: string, entries: [id: string, fields: string[]][]): void {
    const cursor = this.cursors.get(key);
    if (!cursor || entries.length === 0) return;
    for (const [, fields] of entries) this.onEvent(fieldMap(fields));
    cursor.id = entries[entries.length - 1][0];
  }

  private onEvent(event: Map<string, string>): void {
    const jobId = event.get('jobId');
    if (!jobId || !TRIAL_ID.test(jobId)) return;
    if (event.get('event') === 'active') this.onActive(jobId);
    else if (event.get('event') === 'failed') {
      this.ingestion.recordJobFailure(jobId, event.get('failedReason') ?? 'unknown reason').catch((e) => this.warn('failed', jobId, e));
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

/** A stream entry's flat [field, value, field, value, ...] list as a map. */
function fieldMap(fields: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  return map;
}
