import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import {
  WORKER_HEARTBEAT_MS,
  WORKER_TTL_MS,
  forgottenIds,
  parseWorkerRecords,
  redisTimeMs,
  workerRegistryKey,
  type WorkerRecord,
} from '@attune/queue/worker-registry';
import { attuneVersion } from '@attune/telemetry/attune-version';
import type { WorkerLog } from '../worker-log';

// How long a shutdown waits to remove the record before leaving it to expire.
const STOP_WAIT_MS = 1000;

/** Heartbeat timing; tests shorten it. */
export interface RegistrationTiming {
  /** @default WORKER_HEARTBEAT_MS */
  readonly heartbeatMs: number;
  /** @default WORKER_TTL_MS */
  readonly ttlMs: number;
}

export interface WorkerRegistrationOptions {
  readonly redis: Redis;
  readonly prefix: string;
  readonly workerId: string;
  readonly targets: readonly string[];
  readonly concurrency: number;
  readonly timing?: Partial<RegistrationTiming>;
  readonly log: WorkerLog;
}

/**
 * Keeps this worker's record in the registry (see libs/queue/src/worker-registry.ts)
 * so that the coordinator can tell which targets some live worker serves: a
 * record on start, a heartbeat that renews it, and its expiry at once on a
 * graceful shutdown. A heartbeat that fails (Redis away) is retried on the next beat;
 * the record simply expires meanwhile.
 */
export class WorkerRegistration {
  private readonly timing: RegistrationTiming;
  private readonly key: string;
  private readonly startedAt = new Date().toISOString();
  private timer?: NodeJS.Timeout;
  private beating?: Promise<void>;
  private failing = false;

  constructor(private readonly options: WorkerRegistrationOptions) {
    this.timing = { heartbeatMs: WORKER_HEARTBEAT_MS, ttlMs: WORKER_TTL_MS, ...options.timing };
    this.key = workerRegistryKey(options.prefix);
  }

  /** Registers now (a failure is thrown: a worker that cannot reach Redis should not start) and beats on. */
  async start(): Promise<void> {
    const now = await this.beat();
    // Readers prune too; a worker starting prunes what an old deployment left.
    const stale = forgottenIds(parseWorkerRecords(await this.options.redis.hgetall(this.key)), now);
    if (stale.length > 0) await this.options.redis.hdel(this.key, ...stale);
    this.timer = setInterval(() => this.onTimer(), this.timing.heartbeatMs);
    this.timer.unref();
  }

  /**
   * Deregisters: stops the heartbeat and rewrites the record as expired now,
   * after a beat in flight (or that beat would make it live again). The
   * record stays, dead, so the coordinator knows until when its targets had
   * a worker (it waits ATTUNE_QUEUED_TIMEOUT_SEC from then). Best effort and
   * bounded: with Redis away the record simply expires.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    const deregistered = (async () => {
      await this.beating;
      await this.beat(0);
    })();
    await Promise.race([deregistered.catch(() => undefined), sleep(STOP_WAIT_MS, undefined, { ref: false })]);
  }

  private onTimer(): void {
    if (this.beating) return;
    this.beating = this.beat()
      .then(() => {
        if (this.failing) this.options.log('registry heartbeat works again');
        this.failing = false;
      })
      .catch((e: Error) => {
        if (!this.failing) this.options.log(`registry heartbeat failed (retrying every ${this.timing.heartbeatMs} ms): ${e.message}`, 'warn');
        this.failing = true;
      })
      .finally(() => (this.beating = undefined));
  }

  /** Writes the record, live for `ttlMs` from now; resolves with Redis's time. */
  private async beat(ttlMs = this.timing.ttlMs): Promise<number> {
    const { redis, workerId } = this.options;
    const now = redisTimeMs(await redis.time());
    const record: WorkerRecord = {
      id: workerId,
      host: os.hostname(),
      pid: process.pid,
      targets: [...this.options.targets],
      concurrency: this.options.concurrency,
      version: attuneVersion(),
      startedAt: this.startedAt,
      heartbeatAt: new Date(now).toISOString(),
      expiresAt: new Date(now + ttlMs).toISOString(),
    };
    await redis.hset(this.key, workerId, JSON.stringify(record));
    return now;
  }
}
