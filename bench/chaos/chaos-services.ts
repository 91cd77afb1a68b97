import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { startProcess, waitFor, type BenchProcess } from '../e2e/e2e-processes';

const run = promisify(execFile);

/**
 * A redis-server of the chaos run's own, on a spare loopback port, with its
 * append-only file (appendfsync everysec, Redis's default) in `dir`: a
 * SIGKILL loses at most the last second of writes, and a restart on the
 * same folder loads the rest.
 */
export class RedisServer {
  private proc?: BenchProcess;
  private starts = 0;

  constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'];
    this.proc = startProcess(`redis-${++this.starts}`, 'redis-server', args, {}, this.logDir);
    await waitFor('Redis answers PING', () => redisAnswers(this.url), this.proc, 30_000, 50);
  }

  /** SIGKILL: a crash, with what the append-only file had not yet written lost. */
  async kill(): Promise<void> {
    await this.proc?.kill();
  }

  async stop(): Promise<void> {
    await this.proc?.stop(5000);
  }
}

/**
 * A PostgreSQL cluster of the chaos run's own (initdb, then pg_ctl), in `dir`,
 * on a spare loopback port, trust authentication for user `postgres`. As root,
 * initdb and pg_ctl refuse to run, so they run as the `postgres` system user
 * (`runuser -u postgres`), which then owns `dir`.
 */
export class PostgresServer {
  private readonly bin: string;
  private readonly data: string;

  constructor(
    private readonly dir: string,
    readonly port: number,
    bin?: string,
  ) {
    this.bin = bin ?? postgresBinDir();
    this.data = path.join(dir, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    if (runsAsRoot()) chownSync(this.dir, postgresUid(), postgresGid());
    await this.pg('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  }

  async start(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.data, '-o', this.serverOptions(), '-l', path.join(this.dir, 'postgres.log'), '-w', '-t', '60', 'start']);
    await waitFor('PostgreSQL answers', () => postgresAnswers(this.url), undefined, 30_000, 50);
  }

  /** `pg_ctl stop -m fast`: every session is ended and the server stops cleanly. */
  async stop(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** Stops at once, if running (the end of the run). */
  async close(): Promise<void> {
    if (existsSync(path.join(this.data, 'postmaster.pid'))) await this.pg('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  }

  // fsync off: nothing here crashes PostgreSQL itself (a restart is a clean shutdown), and the disk is shared.
  private serverOptions(): string {
    return `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const exe = path.join(this.bin, tool);
    const [command, argv] = runsAsRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    await run(command, argv, { cwd: this.dir });
  }
}

/** The newest /usr/lib/postgresql/<version>/bin (Debian's layout), else the one `pg_config` names. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length > 0) return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('no PostgreSQL binaries found under /usr/lib/postgresql/*/bin or by pg_config; pass --pg-bin DIR');
  }
}

const runsAsRoot = () => process.getuid?.() === 0;
const postgresUid = () => Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
const postgresGid = () => Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
