import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker } from '../../../test/support/fake-evaluation-worker';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';
import { startCoordinator, type RunningCoordinator } from '../src/main';

const tc = testCoordinator();
let second: RunningCoordinator;
let db: Client;

beforeAll(async () => {
  await tc.start();
  second = await startCoordinator({ env: { ...tc.iso.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ATTUNE_SWEEP_MS: '100' } });
  db = new Client({ connectionString: tc.iso.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await second?.close();
  await tc.destroy();
});

describe('two coordinators on one database and Redis', () => {
  it('drive several studies at once without a duplicate trial, an extra job or a broken parallelism', async () => {
    const worker = new FakeEvaluationWorker({
      redisUrl: tc.iso.redisUrl,
      queuePrefix: tc.iso.queuePrefix,
      target: 'shared',
      concurrency: 32,
      evaluate: async (job) => {
        await new Promise((r) => setTimeout(r, 2 + (job.trialNumber % 4)));
        return { metrics: { value: (job.params.x as number) ** 2 } };
      },
    });
    const ids: string[] = [];
    for (const [i, parallelism] of [2, 3, 5].entries()) {
      // Studies are submitted to either coordinator; either may drive them.
      const url = i % 2 === 0 ? tc.http.baseUrl : second.url;
      const res = await fetch(`${url}/studies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(studySpec({ name: `s${i}`, target: 'shared', strategy: { name: 'random', seed: i }, budget: { maxTrials: 25, parallelism } })),
      });
      ids.push(((await res.json()) as { id: string }).id);
    }
    await expectEventually(async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM "${tc.iso.schema}".studies WHERE state = 'COMPLETE'`);
      expect(rows[0].n).toBe(3);
    }, { timeoutMs: 60_000 });
    await worker.close();

    for (const [i, id] of ids.entries()) {
      const { rows } = await db.query(`SELECT number, state FROM "${tc.iso.schema}".trials WHERE study_id = $1 ORDER BY number`, [id]);
      expect(rows.map((r) => r.number)).toEqual([...Array(25).keys()]);
      expect(rows.every((r) => r.state === 'COMPLETE')).toBe(true);
      expect(worker.maxInFlight.get(id)).toBeLessThanOrEqual([2, 3, 5][i]);
      expect(worker.evaluated.filter((j) => j.studyId === id)).toHaveLength(25);
    }
  });
});
