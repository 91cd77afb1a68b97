import { forgottenIds, isLive, parseWorkerRecords, redisTimeMs, workerRegistryKey, type WorkerRecord } from '@attune/queue/worker-registry';
import { Inject, Injectable } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { SharedRedis } from '../queues/shared-redis.service';
import { noWorkerReason } from './target-coverage';

/** The registry as read at one instant (Redis's clock). */
export interface WorkerSnapshot {
  /** Every record, live or not (dead ones are kept for an hour). */
  readonly records: readonly WorkerRecord[];
  readonly live: readonly WorkerRecord[];
  readonly nowMs: number;
}

// A sweep asks once per study; one read of the registry serves them all.
const CACHE_MS = 1000;

/**
 * Reads the worker registry that workers keep in Redis (libs/queue/src/worker-registry.ts),
 * through the shared connection, at most once a second; deletes records dead
 * for an hour as it goes.
 */
@Injectable()
export class WorkerDirectory {
  private readonly key: string;
  private cached?: { at: number; snapshot: Promise<WorkerSnapshot> };

  constructor(
    private readonly redis: SharedRedis,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {
    this.key = workerRegistryKey(config.queuePrefix);
  }

  /** The registry now (at most a second old). Rejects when Redis cannot be read. */
  snapshot(): Promise<WorkerSnapshot> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= CACHE_MS) {
      const snapshot = this.read();
      this.cached = { at: now, snapshot };
      snapshot.catch(() => (this.cached = undefined));
    }
    return this.cached.snapshot;
  }

  /** Why no live worker serves the target, or undefined when one does. */
  reasonNoWorker(target: string, snapshot: WorkerSnapshot): string | undefined {
    return noWorkerReason(target, snapshot.live, this.config.queuePrefix);
  }

  /** Warnings for a study on `target`: none when a live worker serves it, or when the registry cannot be read. */
  async warningsFor(target: string): Promise<string[]> {
    const snapshot = await this.snapshot().catch(() => undefined);
    const reason = snapshot && this.reasonNoWorker(target, snapshot);
    return reason ? [`${reason}; its trials wait in QUEUED and fail after ${this.config.queuedTimeoutSec} s without one`] : [];
  }

  private async read(): Promise<WorkerSnapshot> {
    const client = this.redis.client;
    const [time, hash] = await Promise.all([client.time(), client.hgetall(this.key)]);
    const nowMs = redisTimeMs(time);
    const records = parseWorkerRecords(hash);
    const stale = forgottenIds(records, nowMs);
    if (stale.length > 0) await client.hdel(this.key, ...stale);
    return { records, live: records.filter((r) => isLive(r, nowMs)), nowMs };
  }
}
