import { openDataSource } from '@attune/persistence/open-data-source';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { runMigrations } from '@attune/persistence/run-migrations';
import { validateStudySpec } from '@attune/strategies/validate-study-spec';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';
import { ProposalService } from '../src/driver/proposal.service';
import { TickScheduler } from '../src/driver/tick-scheduler.service';

// A proposal that costs tens of seconds of CPU: a GP on 600 points with the most candidates and fit restarts allowed.
const HISTORY = 600;
const tc = testCoordinator({ ATTUNE_PROPOSAL_TIMEOUT_SEC: '600', ATTUNE_PROPOSAL_THREADS: '1' });
let ds: DataSource;
let studyId: string;

async function trialCount(): Promise<number> {
  return (await tc.http.get(`/studies/${studyId}`)).body.trials.total;
}

beforeAll(async () => {
  ds = await openDataSource({ url: tc.iso.databaseUrl, schema: tc.iso.schema }, 2);
  await runMigrations(ds);
  const spec = validateStudySpec(
    studySpec({
      target: 'nobody-serves-this',
      strategy: { name: 'bayesian', seed: 1, options: { maxModelPoints: HISTORY, candidates: 16_384, fitRestarts: 10, pairMoveEvery: 0 } },
      budget: { maxTrials: HISTORY + 10, parallelism: 1 },
    }),
  );
  studyId = (await new StudyRepository(ds).insert(spec)).id;
  const trials = new TrialRepository(ds);
  const rows = await trials.insertQueued(
    studyId,
    Array.from({ length: HISTORY }, (_, i) => ({ number: i, params: { x: ((i * 7919) % 1000) / 100 - 5, mode: i % 2 ? 'a' : 'b' } })),
  );
  await trials.finishMany(rows.map((t) => ({ trialId: t.id, studyId, outcome: { state: 'COMPLETE', value: ((t.params.x as number) - 1) ** 2 } })));
  await tc.start();
});
afterAll(async () => {
  await ds?.destroy();
  await tc.destroy();
});

describe('proposals off the event loop', () => {
  it('answers /health and the API while a long proposal runs, and a stop does not wait for it', async () => {
    // The first sweep starts the proposal; every answer below comes while it still runs.
    const proposals = tc.running!.app.get(ProposalService);
    await expectEventually(async () => expect(proposals.inFlight).toBe(1));
    for (let i = 0; i < 10; i++) {
      expect((await tc.http.get('/health')).status).toBe(200);
      expect((await tc.http.get('/studies')).status).toBe(200);
    }
    expect(proposals.inFlight).toBe(1);
    expect(await trialCount()).toBe(HISTORY);

    const stopped = await tc.http.post(`/studies/${studyId}/stop`);
    expect(stopped.body).toMatchObject({ state: 'STOPPED', trials: { total: HISTORY } });
    // The dropped proposal never lands.
    await tc.running!.app.get(TickScheduler).idle();
    expect(proposals.inFlight).toBe(0);
    expect(await trialCount()).toBe(HISTORY);
  }, 60_000);
});
