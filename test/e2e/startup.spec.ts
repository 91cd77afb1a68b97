import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runAttune, startAttune, type AttuneProcess } from '../support/attune-processes';
import { expectEventually } from '../support/expect-eventually';
import { jsonLines } from '../support/json-lines';
import { createIsolatedEnv } from '../support/isolated-env';
import { listeningAddresses } from '../support/process-sockets';

// Real `attune` processes started as a user would, against services that are there or not.
// HOST: undefined leaves the variable out of the process's environment, as a user who never set it.
const iso = createIsolatedEnv();
const started: AttuneProcess[] = [];

afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
  await iso.cleanup();
});

/** Runs `attune coordinator` until it has printed `lineCount` lines; returns them, its port and the addresses it listens on. */
async function coordinatorStartup(env: NodeJS.ProcessEnv, lineCount: number): Promise<{ lines: string[]; port: number; addresses: string[] }> {
  const port = await freePort();
  const proc = startAttune('coordinator', ['coordinator'], { ...iso.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: undefined, ...env });
  started.push(proc);
  const linesOf = () => proc.log().split('\n').slice(0, -1);
  await expectEventually(() => expect(linesOf().length).toBeGreaterThanOrEqual(lineCount), { timeoutMs: 60_000 });
  const lines = linesOf();
  const addresses = listeningAddresses(port);
  await proc.stop();
  return { lines, port, addresses };
}

/** A process that must fail to start: its exit code and its output, line by line. */
async function failedStart(args: string[], env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const run = await runAttune(args, { ...iso.env, LOG_LEVEL: 'log', PORT: '0', ...env }, 30_000);
  expect(run.stdout).toBe('');
  return { code: run.code, lines: run.stderr.trim().split('\n') };
}

describe('where the coordinator listens', () => {
  it('on loopback only by default, and says so', async () => {
    const { lines, port, addresses } = await coordinatorStartup({}, 2);
    expect(addresses).toEqual(['127.0.0.1']);
    expect(lines).toEqual([
      `attune coordinator: listening on http://127.0.0.1:${port} (dashboard at http://127.0.0.1:${port}/, API docs at http://127.0.0.1:${port}/docs)`,
      'attune coordinator: authentication is off: listening on loopback and no API token exists (`attune admin bootstrap` creates the first; from then on every request needs one)',
    ]);
  }, 90_000);

  it('on every interface when HOST says so, with authentication on', async () => {
    const { lines, port, addresses } = await coordinatorStartup({ HOST: '0.0.0.0' }, 2);
    expect(addresses).toEqual(['0.0.0.0']);
    expect(lines).toEqual([
      `attune coordinator: listening on 0.0.0.0:${port}, every interface (dashboard at http://127.0.0.1:${port}/, API docs at http://127.0.0.1:${port}/docs)`,
      'attune coordinator: authentication is on, and no usable admin token of every project exists: create one with `attune admin bootstrap`',
    ]);
  }, 90_000);

  it('on every interface with ATTUNE_AUTH=off, with a loud warning that the API has no authentication', async () => {
    const { lines, port } = await coordinatorStartup({ HOST: '0.0.0.0', ATTUNE_AUTH: 'off' }, 2);
    expect(lines).toEqual([
      `attune coordinator: listening on 0.0.0.0:${port}, every interface (dashboard at http://127.0.0.1:${port}/, API docs at http://127.0.0.1:${port}/docs)`,
      'attune coordinator: warning: ATTUNE_AUTH=off and 0.0.0.0 is not a loopback address: the API has no authentication, anyone who can reach it can create and stop studies ' +
        '(unset ATTUNE_AUTH, or set HOST=127.0.0.1, or restrict access with a firewall or network policy)',
    ]);
  }, 90_000);
});

describe('starting against services that are not there', () => {
  it('a coordinator with an unreachable Redis prints one line naming Redis and its address, password hidden, and exits 1', async () => {
    const redisPort = await freePort();
    const { code, lines } = await failedStart(['coordinator'], { REDIS_URL: `redis://:s3cret@127.0.0.1:${redisPort}` });
    expect(lines).toEqual([`attune: cannot reach Redis at redis://:***@127.0.0.1:${redisPort}: connect ECONNREFUSED 127.0.0.1:${redisPort}`]);
    expect(code).toBe(1);
  }, 60_000);

  it('a coordinator with an unreachable PostgreSQL prints one line naming PostgreSQL and its address, password hidden, and exits 1', async () => {
    const pgPort = await freePort();
    const { code, lines } = await failedStart(['coordinator'], { DATABASE_URL: `postgres://postgres:s3cret@127.0.0.1:${pgPort}/attune` });
    expect(lines).toEqual([`attune: cannot reach PostgreSQL at postgres://postgres:***@127.0.0.1:${pgPort}/attune: connect ECONNREFUSED 127.0.0.1:${pgPort}`]);
    expect(code).toBe(1);
  }, 60_000);

  it('a worker with an unreachable Redis prints one line naming Redis and its address, password hidden, and exits 1', async () => {
    const redisPort = await freePort();
    const { code, lines } = await failedStart(['worker', '--targets', 'examples/targets.yaml'], { REDIS_URL: `redis://:s3cret@127.0.0.1:${redisPort}` });
    expect(lines).toEqual([`attune: cannot reach Redis at redis://:***@127.0.0.1:${redisPort}: connect ECONNREFUSED 127.0.0.1:${redisPort}`]);
    expect(code).toBe(1);
  }, 60_000);
});

describe('a coordinator on a server without its database', () => {
  it('creates the database (it migrates by default) and starts', async () => {
    const name = `attune_created_${iso.schema}`;
    const url = new URL(iso.databaseUrl);
    url.pathname = `/${name}`;
    try {
      const proc = startAttune('coordinator', ['coordinator'], { ...iso.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'log', PORT: String(await freePort()) });
      started.push(proc);
      await expectEventually(() => expect(proc.log()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/), { timeoutMs: 60_000 });
      // The coordinator's own lines are JSON (pino), the CLI's plain.
      expect(jsonLines(proc.log())).toContainEqual(expect.objectContaining({ context: 'Database', msg: expect.stringContaining(`created the database "${name}"`) }));
      await proc.stop();
    } finally {
      await dropDatabase(name);
    }
  }, 90_000);

  it('with ATTUNE_MIGRATE=false creates nothing and says PostgreSQL lacks it', async () => {
    const name = `attune_absent_${iso.schema}`;
    const url = new URL(iso.databaseUrl);
    url.pathname = `/${name}`;
    const { code, lines } = await failedStart(['coordinator'], { DATABASE_URL: url.toString(), ATTUNE_MIGRATE: 'false' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`database "${name}" does not exist`);
    expect(code).toBe(1);
  }, 60_000);
});

async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: iso.databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

describe('a coordinator with ATTUNE_MIGRATE=false on an empty database', () => {
  it('refuses to start in one line saying to run `attune migrate`, and exits 1', async () => {
    const empty = createIsolatedEnv();
    try {
      const { code, lines } = await failedStart(['coordinator'], { ...empty.env, ATTUNE_MIGRATE: 'false' });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^attune: ATTUNE_MIGRATE=false and \d+ migration\(s\) are not applied to schema "t_[0-9a-f]+" \(.*\): run `attune migrate` first/);
      expect(code).toBe(1);
    } finally {
      await empty.cleanup();
    }
  }, 60_000);
});
