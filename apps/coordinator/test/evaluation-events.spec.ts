import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker } from '../../../test/support/fake-evaluation-worker';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';
import { EvaluationEvents } from '../src/ingestion/evaluation-events.service';

// No sweep within the test: a trial can only turn RUNNING through the queues' events.
const tc = testCoordinator({ ATTUNE_SWEEP_MS: '60000' });
let db: Client;
const workers: FakeEvaluationWorker[] = [];
let release: () => void = () => undefined;
const gate = new Promise<void>((resolve) => (release = resolve));

beforeAll(async () => {
  await tc.start();
  db = new Client({ connectionString: tc.iso.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  release();
  await Promise.all(workers.map((w) => w.close()));
  await db?.end();
  await tc.destroy();
});

async function runningTrials(studyId: string): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "${tc.iso.schema}".trials WHERE study_id = $1 AND state = 'RUNNING' AND started_at IS NOT NULL`, [studyId]);
  return rows[0].n;
}

describe('evaluation events, on one connection for every target', () => {
  it('marks trials RUNNING as soon as workers take them, on each target', async () => {
    const targets = ['events-a', 'events-b'];
    for (const target of targets) {
      workers.push(new FakeEvaluationWorker({ redisUrl: tc.iso.redisUrl, queuePrefix: tc.iso.queuePrefix, target, evaluate: () => gate.then(() => ({ metrics: { value: 1 } })) }));
    }
    const ids: string[] = [];
    for (const target of targets) {
      const res = await tc.http.post('/studies', studySpec({ target, budget: { maxTrials: 4, parallelism: 2 } }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    for (const id of ids) await expectEventually(async () => expect(await runningTrials(id)).toBe(2));
    const events = tc.running!.app.get(EvaluationEvents);
    expect(events.watchedStreams().sort()).toEqual(targets.map((t) => `${tc.iso.queuePrefix}:eval.${t}:events`));
    release();
    for (const id of ids) await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.state).toBe('COMPLETE'));
  });
});
