import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Queue, Worker, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { positiveInt } from '../bench-args';
import { deleteKeys, dropSchema } from './service-cleanup';

/**
 * The raw-BullMQ ceiling of the throughput scenario, as its own processes on
 * the same Redis and PostgreSQL: a producer adds N jobs to a queue, W worker
 * processes with a no-op processor post each to a durable results queue, and
 * one drainer process writes the results into a table with multi-row INSERTs
 * (flushed every 20 ms or 500 rows); a result job completes only once its row
 * is committed. Prints one JSON line: {workers, jobs, seconds, jobsPerSec},
 * from the first job added to the last row committed.
 *
 *   node dist/bench/e2e/bullmq-ceiling.js --workers 2 --jobs 5000 [--concurrency 32]
 *        [--redis-url URL] [--database-url URL] [--schema S --prefix P]
 *
 * Without --schema/--prefix it makes its own and removes them at the end.
 */
interface CeilingArgs {
  readonly role: 'main' | 'worker' | 'drainer';
  readonly workers: number;
  readonly jobs: number;
  readonly concurrency: number;
  readonly redisUrl: string;
  readonly databaseUrl: string;
  readonly schema?: string;
  readonly prefix?: string;
  readonly run: string;
}

const FLUSH_ROWS = 500;
const FLUSH_MS = 20;
/** Like Attune's result jobs: kept while waiting, retried, deduplicated by job id. */
const RESULT_OPTIONS: JobsOptions = { removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: false, attempts: 10, backoff: { type: 'exponential', delay: 1000 } };
/** Like Attune's evaluation jobs. */
const EVAL_OPTIONS: JobsOptions = { removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } };

function parse(argv: readonly string[]): CeilingArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      role: { type: 'string' },
      workers: { type: 'string' },
      jobs: { type: 'string' },
      concurrency: { type: 'string' },
      'redis-url': { type: 'string' },
      'database-url': { type: 'string' },
      schema: { type: 'string' },
      prefix: { type: 'string' },
      run: { type: 'string' },
    },
  });
  const role = values.role ?? 'main';
  if (role !== 'main' && role !== 'worker' && role !== 'drainer') throw new Error(`--role must be main, worker or drainer, got ${role}`);
  return {
    role,
    workers: positiveInt('workers', values.workers, 1),
    jobs: positiveInt('jobs', values.jobs, 5000),
    concurrency: positiveInt('concurrency', values.concurrency, 32),
    redisUrl: values['redis-url'] ?? 'redis://127.0.0.1:6379',
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/test',
    schema: values.schema,
    prefix: values.prefix,
    run: values.run ?? randomBytes(4).toString('hex'),
  };
}

const names = (a: CeilingArgs) => ({
  evalQueue: `ceiling-eval-${a.run}`,
  resultsQueue: `ceiling-results-${a.run}`,
  table: `"${a.schema}"."ceiling_${a.run}"`,
  prefix: a.prefix!,
});

const redis = (url: string): ConnectionOptions => new Redis(url, { maxRetriesPerRequest: null });

async function main(a: CeilingArgs): Promise<void> {
  const ownSchema = !a.schema;
  const ownPrefix = !a.prefix;
  const args: CeilingArgs = { ...a, schema: a.schema ?? `bench_ceiling_${a.run}`, prefix: a.prefix ?? `bench_ceiling_${a.run}` };
  const n = names(args);
  const pool = new Pool({ connectionString: args.databaseUrl, max: 1 });
  const children: ChildProcess[] = [];
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${args.schema}"`);
    await pool.query(`CREATE TABLE ${n.table} (id uuid PRIMARY KEY, value double precision NOT NULL, finished_at timestamptz NOT NULL)`);
    const childArgs = (role: string) => ['--role', role, ...Object.entries({ workers: args.workers, jobs: args.jobs, concurrency: args.concurrency, 'redis-url': args.redisUrl, 'database-url': args.databaseUrl, schema: args.schema, prefix: args.prefix, run: args.run }).flatMap(([k, v]) => [`--${k}`, String(v)])];
    const drainer = fork(__filename, childArgs('drainer'));
    children.push(drainer, ...Array.from({ length: args.workers }, () => fork(__filename, childArgs('worker'))));
    await Promise.all(children.map((c) => message(c, 'ready')));
    const done = message(drainer, 'done');
    const queue = new Queue(n.evalQueue, { connection: redis(args.redisUrl), prefix: n.prefix });
    const started = Date.now();
    for (let i = 0; i < args.jobs; i += 1000) {
      const ids = Array.from({ length: Math.min(1000, args.jobs - i) }, () => randomUUID());
      await queue.addBulk(ids.map((id) => ({ name: 'evaluate', data: { id, params: { x: Math.random() } }, opts: { ...EVAL_OPTIONS, jobId: id } })));
    }
    const finished = ((await done) as { at: number }).at;
    await queue.close();
    const seconds = (finished - started) / 1000;
    const [{ n: rows }] = (await pool.query(`SELECT count(*)::int AS n FROM ${n.table}`)).rows as { n: number }[];
    if (rows !== args.jobs) throw new Error(`expected ${args.jobs} rows, found ${rows}`);
    process.stdout.write(JSON.stringify({ workers: args.workers, jobs: args.jobs, concurrency: args.concurrency, seconds, jobsPerSec: args.jobs / seconds }) + '\n');
  } finally {
    await Promise.all(children.map((c) => stopChild(c)));
    await pool.query(`DROP TABLE IF EXISTS ${n.table}`).catch(() => undefined);
    await pool.end();
    if (ownSchema) await dropSchema(args.databaseUrl, args.schema!);
    await deleteKeys(args.redisUrl, ownPrefix ? `${args.prefix}:*` : `${args.prefix}:ceiling-*-${args.run}:*`);
  }
}

/** A no-op processor that posts each job's result to the results queue. */
async function workerRole(a: CeilingArgs): Promise<void> {
  const n = names(a);
  const results = new Queue(n.resultsQueue, { connection: redis(a.redisUrl), prefix: n.prefix });
  const worker = new Worker(
    n.evalQueue,
    async (job) => {
      await results.add('result', { id: job.id, value: 0, finishedAt: Date.now() }, { ...RESULT_OPTIONS, jobId: job.id });
    },
    { connection: redis(a.redisUrl), prefix: n.prefix, concurrency: a.concurrency },
  );
  await worker.waitUntilReady();
  process.send!('ready');
  process.once('SIGTERM', () => void Promise.all([worker.close(), results.close()]).finally(() => process.exit(0)));
}

/** Consumes the results queue into multi-row INSERTs; a result job completes once its row is committed. */
async function drainerRole(a: CeilingArgs): Promise<void> {
  const n = names(a);
  const pool = new Pool({ connectionString: a.databaseUrl, max: 2 });
  let buffer: { row: [string, number, number]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let written = 0;
  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = buffer.splice(0, FLUSH_ROWS);
    if (buffer.length > 0) schedule();
    if (batch.length === 0) return;
    const values = batch.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, to_timestamp($${3 * i + 3}::float8 / 1000))`).join(', ');
    try {
      await pool.query(`INSERT INTO ${n.table} (id, value, finished_at) VALUES ${values} ON CONFLICT (id) DO NOTHING`, batch.flatMap((b) => b.row));
      batch.forEach((b) => b.resolve());
      written += batch.length;
      if (written >= a.jobs) process.send!({ done: true, at: Date.now() });
    } catch (e) {
      batch.forEach((b) => b.reject(e));
    }
  };
  const schedule = () => {
    if (buffer.length >= FLUSH_ROWS) void flush();
    else timer ??= setTimeout(() => void flush(), FLUSH_MS);
  };
  const worker = new Worker(
    n.resultsQueue,
    (job) =>
      new Promise<void>((resolve, reject) => {
        const d = job.data as { id: string; value: number; finishedAt: number };
        buffer.push({ row: [d.id, d.value, d.finishedAt], resolve, reject });
        schedule();
      }),
    { connection: redis(a.redisUrl), prefix: n.prefix, concurrency: FLUSH_ROWS * 2 },
  );
  await worker.waitUntilReady();
  process.send!('ready');
  process.once('SIGTERM', () => void worker.close().finally(() => pool.end().finally(() => process.exit(0))));
}

function message(child: ChildProcess, kind: 'ready' | 'done'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (m === kind || (kind === 'done' && typeof m === 'object' && m !== null && 'done' in m)) {
        child.off('message', onMessage);
        resolve(m);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`a ceiling ${kind === 'ready' ? 'child' : 'drainer'} exited with ${code} before it was ${kind}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const args = parse(process.argv.slice(2));
const run = args.role === 'worker' ? workerRole : args.role === 'drainer' ? drainerRole : main;
run(args)
  // The main role's connections would keep it alive; its children are stopped by then.
  .then(() => args.role === 'main' && process.exit(0))
  .catch((e: unknown) => {
    process.stderr.write(`bullmq-ceiling (${args.role}): ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
