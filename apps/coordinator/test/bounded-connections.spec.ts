import { Redis } from 'ioredis';
import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { createIsolatedEnv } from '../../../test/support/isolated-env';
import { establishedSocketsTo } from '../../../test/support/process-sockets';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';
import { EvaluationEvents } from '../src/ingestion/evaluation-events.service';
import { COORDINATOR_CLIENT } from '../src/queues/connection-name';
import { EvaluationQueues } from '../src/queues/evaluation-queues.service';

const POOL_SIZE = 5;
const READ_POOL_SIZE = 2;
// The shared queue connection, the results queue, its worker's two, the steps queue's worker's two, the events reader and the health check.
const REDIS_BOUND = 8;
const TARGETS = ['bound-0', 'bound-1', 'bound-2', 'bound-3', 'bound-4', 'bound-5'];

// PostgreSQL names the coordinator's connections after the URL's application_name, unique to this file.
const applicationName = `attune_${createIsolatedEnv().schema}`;
const databaseUrl = `${process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'}?application_name=${applicationName}`;
const tc = testCoordinator({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(POOL_SIZE), DATABASE_READ_POOL_SIZE: String(READ_POOL_SIZE) });
const redisPort = Number(new URL(tc.iso.redisUrl).port || 6379);
const studyIds: string[] = [];
let redis: Redis;
let db: Client;

// No workers: trials stay queued, and every sweep (each 200 ms) asks each target's queue about them.
beforeAll(async () => {
  await tc.start();
  redis = new Redis(tc.iso.redisUrl);
  await redis.ping();
  db = new Client({ connectionString: tc.iso.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  redis?.disconnect();
  await db?.end();
  await tc.destroy();
});

/** Names of this coordinator's Redis connections (one entry per connection), as CLIENT LIST shows them. */
async function namedRedisConnections(): Promise<string[]> {
  const list = (await redis.client('LIST')) as string;
  const names = list.split('\n').map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '');
  return names.filter((n) => n.includes(tc.iso.queuePrefix) && n.includes(COORDINATOR_CLIENT)).sort();
}

/** The two pools' connections (named after the URL's application_name) plus the one that LISTENs for study events. */
async function postgresConnections(): Promise<number> {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name IN ($1, $2)', [
    applicationName,
    `attune-events ${tc.iso.schema}`.slice(0, 63),
  ]);
  return rows[0].n;
}

/** Starts a study per target and waits until each has its trials queued, then a few sweeps more. */
async function runStudies(targets: readonly string[]): Promise<void> {
  const ids: string[] = [];
  for (const target of targets) {
    const res = await tc.http.post('/studies', studySpec({ target, budget: { maxTrials: 6, parallelism: 2 } }));
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  for (const id of ids) await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.trials.queued).toBe(2));
  await sleep(1000);
  studyIds.push(...ids);
}

interface Peak {
  named: string[];
  /** Every socket of this process to Redis but the test's own. */
  sockets: number;
  postgres: number;
}

/** Samples the counts while `work` runs; returns the largest seen. */
async function peakConnections(work: () => Promise<void>): Promise<Peak> {
  let done = false;
  const peak: Peak = { named: [], sockets: 0, postgres: 0 };
  const sampling = (async () => {
    while (!done) {
      const [named, postgres] = await Promise.all([namedRedisConnections(), postgresConnections()]);
      if (named.length > peak.named.length) peak.named = named;
      peak.sockets = Math.max(peak.sockets, establishedSocketsTo(redisPort) - 1);
      peak.postgres = Math.max(peak.postgres, postgres);
      await sleep(25);
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await sampling;
  }
  return peak;
}

describe('a coordinator with many studies on many targets', () => {
  it('keeps its Redis and PostgreSQL connections under a bound that does not grow with the targets', async () => {
    expect((await tc.http.get('/health')).status).toBe(200);
    const one = await peakConnections(() => runStudies([TARGETS[0]]));
    const many = await peakConnections(() => runStudies(TARGETS.flatMap((t) => [t, t])));

    expect(one.named).toHaveLength(REDIS_BOUND);
    expect(many.named).toEqual(one.named);
    // Every connection of the process is named: none opened behind the count's back.
    expect(many.sockets).toBe(REDIS_BOUND);
    expect(many.postgres).toBeGreaterThan(0);
    expect(many.postgres).toBeLessThanOrEqual(POOL_SIZE + READ_POOL_SIZE + 1);
  });

  it('lets go of the targets of studies that ended: their events, then (once unused for a while) their queues', async () => {
    for (const id of studyIds) expect((await tc.http.post(`/studies/${id}/stop`)).status).toBe(200);
    const app = tc.running!.app;
    await expectEventually(() => expect(app.get(EvaluationEvents).watchedStreams()).toEqual([]), { timeoutMs: 20_000 });
    const queues = app.get(EvaluationQueues);
    expect(queues.openTargets().sort()).toEqual(TARGETS);
    await queues.closeIdle(Date.now() + 1);
    expect(queues.openTargets()).toEqual([]);
    // The shared connection stays for the next study.
    expect(await namedRedisConnections()).toContain(`${COORDINATOR_CLIENT}:${tc.iso.queuePrefix}:queues`);
  });
});
