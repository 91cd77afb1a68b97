import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';
import { TickScheduler } from '../src/driver/tick-scheduler.service';
import { ResultIngestionService } from '../src/ingestion/result-ingestion.service';
import { startCoordinator, type RunningCoordinator } from '../src/main';

// Sweeps once a minute: within these tests only an event can wake a driver.
const SLOW_SWEEP = { ATTUNE_SWEEP_MS: '60000' };
const holder = testCoordinator(SLOW_SWEEP);
let other: RunningCoordinator;
let db: Client;

beforeAll(async () => {
  await holder.start();
  other = await startCoordinator({ env: { ...holder.iso.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...SLOW_SWEEP } });
  db = new Client({ connectionString: holder.iso.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await other?.close();
  await holder.destroy();
});

async function trialsOf(studyId: string): Promise<{ id: string; number: number; state: string }[]> {
  const { rows } = await db.query(`SELECT id, number, state FROM "${holder.iso.schema}".trials WHERE study_id = $1 ORDER BY number`, [studyId]);
  return rows;
}

describe('the driver wake-up across coordinators', () => {
  it('a result ingested by a coordinator that does not drive the study makes the holder propose at once', async () => {
    // The other coordinator ingests but never ticks: its scheduler takes no more requests.
    await other.app.get(TickScheduler).onModuleDestroy();
    const res = await fetch(`${other.url}/studies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(studySpec({ name: 'woken', target: 'nobody-serves-this', budget: { maxTrials: 3, parallelism: 1 } })),
    });
    const { id } = (await res.json()) as { id: string };
    // Created on the other coordinator: the holder hears `study-created` and proposes trial 0.
    const [first] = await expectEventually(async () => {
      const trials = await trialsOf(id);
      expect(trials).toHaveLength(1);
      return trials;
    }, { timeoutMs: 10_000 });

    const now = new Date().toISOString();
    const ingestion = other.app.get(ResultIngestionService);
    expect(await ingestion.ingest({ studyId: id, trialId: first.id, outcome: 'COMPLETE', metrics: { value: 1 }, workerId: 'w', startedAt: now, finishedAt: now })).toBe(true);
    await expectEventually(async () => expect((await trialsOf(id)).map((t) => [t.number, t.state])).toEqual([[0, 'COMPLETE'], [1, 'QUEUED']]), { timeoutMs: 10_000 });
  });
});
