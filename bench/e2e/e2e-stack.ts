import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { studySpec } from './e2e-spec';
import { freePort, startNode, waitFor, type BenchProcess } from './e2e-processes';
import { deleteKeys, dropSchema } from './service-cleanup';

/** Where the bench finds its services, the `attune` bin and its targets. */
export interface StackContext {
  readonly repoRoot: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly logDir: string;
  /** The workers' targets file. @default bench/e2e/fixtures/targets.yaml */
  readonly targetsFile?: string;
}

/** A coordinator process and its base URL. */
export interface CoordinatorProcess {
  readonly proc: BenchProcess;
  readonly url: string;
}

const open = new Set<BenchStack>();

/** Closes every stack still open (an interrupted run): processes stopped, schemas dropped, keys deleted. */
export async function closeAllStacks(): Promise<void> {
  await Promise.allSettled([...open].map((s) => s.close()));
}

/**
 * One scenario's deployment of real `attune` processes (the compiled bin) on
 * a PostgreSQL schema and a BullMQ queue prefix of its own. The bench reads
 * the database only; `close()` stops every process and removes the schema
 * and every key under the prefix, whatever happened.
 */
export class BenchStack {
  readonly schema: string;
  readonly queuePrefix: string;
  readonly coordinators: CoordinatorProcess[] = [];
  workers: BenchProcess[] = [];
  private db?: Pool;
  private processes = 0;
  private closed?: Promise<void>;

  constructor(
    readonly name: string,
    readonly ctx: StackContext,
    /** Added to every process's environment (OTEL_* variables, say). */
    readonly extraEnv: Readonly<Record<string, string>> = {},
  ) {
    const id = randomBytes(4).toString('hex');
    this.schema = `bench_${id}`;
    this.queuePrefix = `bench_${id}`;
    open.add(this);
  }

  get env(): Record<string, string> {
    return {
      DATABASE_URL: this.ctx.databaseUrl,
      DATABASE_SCHEMA: this.schema,
      REDIS_URL: this.ctx.redisUrl,
      ATTUNE_QUEUE_PREFIX: this.queuePrefix,
      NO_COLOR: '1',
      ...this.extraEnv,
    };
  }

  get url(): string {
    return this.coordinators[0].url;
  }

  get targetsFile(): string {
    return this.ctx.targetsFile ?? path.join(this.ctx.repoRoot, 'bench', 'e2e', 'fixtures', 'targets.yaml');
  }

  /** Starts `node bin/attune.js ...args` (a log file per process). */
  startAttune(role: string, args: readonly string[], env: Record<string, string> = {}): BenchProcess {
    const name = `${this.name}-${role}-${++this.processes}`;
    return startNode(name, path.join(this.ctx.repoRoot, 'bin', 'attune.js'), args, { ...this.env, ...env }, this.ctx.logDir);
  }

  /** Starts a coordinator and waits for GET /health to answer 200. */
  async startCoordinator(): Promise<CoordinatorProcess> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const proc = this.startAttune('coordinator', ['coordinator'], { PORT: String(port), HOST: '127.0.0.1' });
    const coordinator = { proc, url };
    this.coordinators.push(coordinator);
    await waitFor('the coordinator answers /health', () => healthy(url), proc, 90_000);
    return coordinator;
  }

  /** Starts `count` worker processes at once and waits until each serves its targets. */
  async startWorkers(count: number, concurrency: number): Promise<BenchProcess[]> {
    return Promise.all(Array.from({ length: count }, () => this.startWorker(concurrency)));
  }

  /** Starts one worker process (`env` added to the stack's) and waits until it serves its targets. */
  async startWorker(concurrency: number, env: Record<string, string> = {}): Promise<BenchProcess> {
    const worker = this.startAttune('worker', ['worker', '--targets', this.targetsFile, '--concurrency', String(concurrency)], env);
    this.workers.push(worker);
    await waitFor('the worker serves its targets', () => readLog(worker).includes('serving'), worker, 90_000);
    return worker;
  }

  async stopWorkers(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
    this.workers = [];
  }

  /**
   * Runs a `random` study of 2 × `slots` trials at parallelism `slots` on
   * `target`, so that the workers' evaluator processes for it (one per
   * concurrency slot, started on first use) exist before a measurement.
   * Returns its wall time in seconds.
   */
  async warmUp(target: string, slots: number): Promise<number> {
    const started = Date.now();
    const id = await this.submit(studySpec({ name: `warm-up-${target}`, target, strategy: 'random', dimensions: 2, maxTrials: 2 * slots, parallelism: slots }));
    if (!(await this.waitEnded([id], 180_000))) throw new Error(`the warm-up study on ${target} did not end within 180s`);
    return (Date.now() - started) / 1000;
  }

  /** POST /studies; returns the new study's id. */
  async submit(spec: unknown, url = this.url): Promise<string> {
    const res = await fetch(`${url}/studies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
    const body = (await res.json()) as { id?: string };
    if (res.status !== 201 || !body.id) throw new Error(`POST /studies answered ${res.status}: ${JSON.stringify(body)}`);
    return body.id;
  }

  /** A read-only query on the stack's schema (a small pool: a connection PostgreSQL dropped is replaced on the next query). */
  async sql<T extends object>(query: string, params: unknown[] = []): Promise<T[]> {
    if (!this.db) {
      this.db = new Pool({ connectionString: this.ctx.databaseUrl, application_name: 'attune-bench', options: `-c search_path=${this.schema}`, max: 2 });
      // An idle connection that the server closes (a restart) is dropped from the pool, not thrown.
      this.db.on('error', () => undefined);
    }
    return (await this.db.query(query, params)).rows as T[];
  }

  /** Waits until none of the studies is RUNNING; false if `timeoutMs` passed first. */
  async waitEnded(ids: readonly string[], timeoutMs: number): Promise<boolean> {
    try {
      await waitFor(
        `${ids.length} studies ended`,
        async () => {
          const rows = await this.sql<{ n: string }>(`SELECT count(*) AS n FROM studies WHERE id = ANY($1) AND state = 'RUNNING'`, [ids]);
          if (this.workers.some((w) => w.exited())) throw new Error(`a worker died; logs in ${this.ctx.logDir}`);
          return Number(rows[0].n) === 0;
        },
        this.coordinators.find((c) => !c.proc.exited())?.proc,
        timeoutMs,
        500,
      );
      return true;
    } catch (e) {
      if ((e as Error).message.includes('not within')) return false;
      throw e;
    }
  }

  /** Stops every process, then drops the schema and deletes the queue prefix's keys. Safe to call twice. */
  close(): Promise<void> {
    this.closed ??= this.doClose();
    return this.closed;
  }

  private async doClose(): Promise<void> {
    await Promise.allSettled([...this.workers, ...this.coordinators.map((c) => c.proc)].map((p) => p.stop(5000)));
    await this.db?.end().catch(() => undefined);
    const errors: string[] = [];
    await dropSchema(this.ctx.databaseUrl, this.schema).catch((e: Error) => errors.push(`schema ${this.schema}: ${e.message}`));
    await deleteKeys(this.ctx.redisUrl, `${this.queuePrefix}:*`).catch((e: Error) => errors.push(`keys ${this.queuePrefix}:*: ${e.message}`));
    open.delete(this);
    if (errors.length > 0) process.stderr.write(`bench: cleanup of ${this.name} failed: ${errors.join('; ')}\n`);
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

function readLog(proc: BenchProcess): string {
  try {
    return readFileSync(proc.logFile, 'utf8');
  } catch {
    return '';
  }
}
