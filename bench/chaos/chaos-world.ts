import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { evaluationQueueName } from '@attune/queue/queue-names';
import type { Rng } from '@attune/core/random/rng';
import type { BenchProcess } from '../e2e/e2e-processes';
import type { BenchStack } from '../e2e/e2e-stack';
import type { PostgresServer, RedisServer } from './chaos-services';

/** A chaos worker: its process and the id it registers its BullMQ jobs under (ATTUNE_WORKER_ID). */
export interface ChaosWorker {
  readonly proc: BenchProcess;
  readonly id: string;
}

/** A process evaluating a trial now, as the chaos target recorded it. */
export interface Evaluation {
  readonly pid: number;
  /** How the target was run: in a worker's module runner, or as a command. */
  readonly kind: 'module' | 'command';
  readonly params: Record<string, unknown>;
}

const PENDING_SQL = `state IN ('QUEUED', 'RUNNING')`;

/**
 * The deployment under chaos: its own Redis and PostgreSQL, the stack of
 * attune processes on them, the studies, and the questions the faults ask of
 * it (which trials a worker holds, which process evaluates what, whether
 * trials end). Every query may fail while a service is down; callers retry.
 */
export class ChaosWorld {
  workers: ChaosWorker[] = [];
  private workerCount = 0;
  private readonly redisClient: Redis;
  private readonly queues: Queue[];

  constructor(
    readonly stack: BenchStack,
    readonly redis: RedisServer,
    readonly postgres: PostgresServer,
    readonly studyIds: readonly string[],
    readonly targets: readonly string[],
    private readonly evaluationsDir: string,
    readonly rng: Rng,
    private readonly concurrency: number,
  ) {
    this.redisClient = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 200 });
    this.redisClient.on('error', () => undefined);
    this.queues = targets.map((t) => new Queue(evaluationQueueName(t), { connection: this.redisClient, prefix: stack.queuePrefix }));
    // While Redis is down every query fails, and the fault's recovery check retries.
    for (const q of this.queues) q.on('error', () => undefined);
  }

  /** Starts a worker with an id of its own, and waits until it serves its targets. */
  async startWorker(): Promise<ChaosWorker> {
    const id = `chaos-worker-${++this.workerCount}`;
    const proc = await this.stack.startWorker(this.concurrency, { ATTUNE_WORKER_ID: id });
    const worker = { proc, id };
    this.workers.push(worker);
    return worker;
  }

  /** Trial ids of the evaluation jobs a worker holds now (BullMQ's `processedBy`). */
  async heldBy(worker: ChaosWorker): Promise<string[]> {
    const active = (await Promise.all(this.queues.map((q) => q.getActive()))).flat();
    return active.filter((j) => j.processedBy === worker.id && j.id !== undefined).map((j) => j.id as string);
  }

  /** Whether every listed trial has ended (none of them QUEUED or RUNNING). */
  async ended(trialIds: readonly string[]): Promise<boolean> {
    const [r] = await this.stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM trials WHERE id = ANY($1) AND ${PENDING_SQL}`, [trialIds]);
    return r.n === 0;
  }

  /** Whether some trial created after `sinceMs` (epoch ms, the database's clock) has ended: proposals, queues, evaluation and ingestion all work. */
  async trialCreatedSinceEnded(sinceMs: number): Promise<boolean> {
    const [r] = await this.stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM trials WHERE study_id = ANY($1) AND created_at > to_timestamp($2 / 1000.0) AND NOT ${PENDING_SQL}`,
      [this.studyIds, sinceMs],
    );
    return r.n > 0;
  }

  /** Trials of the studies that have ended. */
  async endedCount(): Promise<number> {
    const [r] = await this.stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM trials WHERE study_id = ANY($1) AND NOT ${PENDING_SQL}`, [this.studyIds]);
    return r.n;
  }

  /** Whether any study is still RUNNING. */
  async running(): Promise<boolean> {
    const [r] = await this.stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM studies WHERE id = ANY($1) AND state = 'RUNNING'`, [this.studyIds]);
    return r.n > 0;
  }

  /** Processes evaluating a trial now (the target's records, whose process is alive). */
  evaluations(): Evaluation[] {
    let files: string[] = [];
    try {
      files = readdirSync(this.evaluationsDir);
    } catch {
      return [];
    }
    const found: Evaluation[] = [];
    for (const f of files) {
      try {
        const e = JSON.parse(readFileSync(path.join(this.evaluationsDir, f), 'utf8')) as Evaluation;
        if (alive(e.pid)) found.push(e);
      } catch {
        // removed or half-written meanwhile
      }
    }
    return found;
  }

  /** The pending trial of a study whose params are these. */
  async trialWithParams(params: Record<string, unknown>): Promise<string | undefined> {
    const rows = await this.stack.sql<{ id: string }>(`SELECT id FROM trials WHERE study_id = ANY($1) AND ${PENDING_SQL} AND params = $2::jsonb`, [this.studyIds, JSON.stringify(params)]);
    return rows[0]?.id;
  }

  /** Starts again every worker and coordinator that is not running (a supervisor's job); returns what it restarted. */
  async restartExited(): Promise<string[]> {
    const restarted: string[] = [];
    for (const w of this.workers.filter((x) => x.proc.exited())) {
      this.workers.splice(this.workers.indexOf(w), 1);
      this.stack.workers.splice(this.stack.workers.indexOf(w.proc), 1);
      restarted.push(`${w.id} as ${(await this.startWorker()).id}`);
    }
    for (const c of this.stack.coordinators.filter((x) => x.proc.exited())) {
      this.stack.coordinators.splice(this.stack.coordinators.indexOf(c), 1);
      restarted.push(`${c.proc.name} as ${(await this.stack.startCoordinator()).proc.name}`);
    }
    return restarted;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.queues.map((q) => q.close()));
    this.redisClient.disconnect();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
