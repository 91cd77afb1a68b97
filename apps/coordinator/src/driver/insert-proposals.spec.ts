import { openDataSource } from '@attune/persistence/open-data-source';
import { sampleSpec } from '@attune/persistence/repositories/sample-spec.fixture';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { runMigrations } from '@attune/persistence/run-migrations';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedEnv } from '../../../../test/support/isolated-env';
import { insertProposals } from './insert-proposals';

const iso = createIsolatedEnv();
let ds: DataSource;
let repos: { studies: StudyRepository; trials: TrialRepository };

beforeAll(async () => {
  ds = await openDataSource({ url: iso.databaseUrl, schema: iso.schema }, 4);
  await runMigrations(ds);
  repos = { studies: new StudyRepository(ds), trials: new TrialRepository(ds) };
});
afterAll(async () => {
  await ds?.destroy();
  await iso.cleanup();
});

const proposal = (number: number) => ({ number, params: { x: number, mode: 'a' } });

describe('insertProposals', () => {
  it('inserts when the study runs and its trial count is what the proposal saw', async () => {
    const study = await repos.studies.insert(sampleSpec());
    await repos.trials.insertQueued(study.id, [proposal(0)]);
    const inserted = await ds.transaction((tx) => insertProposals(repos, study.id, 1, [proposal(1), proposal(2)], tx));
    expect(typeof inserted !== 'string' && inserted.queued.map((t) => t.number)).toEqual([1, 2]);
  });

  it('drops a proposal whose trials moved under it (another writer numbered trials), inserting nothing', async () => {
    const study = await repos.studies.insert(sampleSpec());
    await repos.trials.insertQueued(study.id, [proposal(0), proposal(1)]);
    expect(await ds.transaction((tx) => insertProposals(repos, study.id, 1, [proposal(1)], tx))).toBe('moved');
    expect((await repos.trials.listByStudy(study.id)).map((t) => t.params.x)).toEqual([0, 1]);
  });

  it('drops a proposal for a study stopped while it ran', async () => {
    const study = await repos.studies.insert(sampleSpec());
    await repos.studies.end(study.id, 'STOPPED', 'stopped by user');
    expect(await ds.transaction((tx) => insertProposals(repos, study.id, 0, [proposal(0)], tx))).toBe('ended');
    expect(await repos.trials.listByStudy(study.id)).toEqual([]);
  });

  it('makes a stop that comes during the insert wait for it, then cancel what it inserted', async () => {
    const study = await repos.studies.insert(sampleSpec());
    let stop: Promise<string[]> | undefined;
    await ds.transaction(async (tx) => {
      await insertProposals(repos, study.id, 0, [proposal(0), proposal(1)], tx);
      // The stop runs on another connection while this transaction still holds the study row.
      stop = ds.transaction(async (other) => {
        await repos.studies.end(study.id, 'STOPPED', 'stopped by user', other);
        return repos.trials.cancelPending(study.id, 'study stopped', other);
      });
      await new Promise((r) => setTimeout(r, 100));
    });
    expect(await stop).toHaveLength(2);
    expect((await repos.trials.listByStudy(study.id)).map((t) => t.state)).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('does not measure again a configuration the study measured: it reuses that measurement, whatever the order of the params', async () => {
    const study = await repos.studies.insert(sampleSpec());
    const [first] = await repos.trials.insertQueued(study.id, [{ number: 0, params: { x: 3, mode: 'a' } }]);
    await repos.trials.finish(first.id, { state: 'COMPLETE', value: 1.5, metrics: { value: 1.5 }, score: { spread: {} } });
    const failed = (await repos.trials.insertQueued(study.id, [{ number: 1, params: { x: 4, mode: 'a' } }]))[0];
    await repos.trials.finish(failed.id, { state: 'FAILED', error: 'flaky' });
    // Written in another key order; and x: 4 only failed before, so it is measured again.
    const proposed = [
      { number: 2, params: { mode: 'a', x: 3 } },
      { number: 3, params: { x: 4, mode: 'a' } },
      { number: 4, params: { x: 5, mode: 'a' } },
    ];
    const queued = await ds.transaction((tx) => insertProposals(repos, study.id, 2, proposed, tx));
    expect(typeof queued !== 'string' && [queued.queued.map((t) => t.number), queued.reused.map((t) => t.number)]).toEqual([[3, 4], [2]]);
    const reused = (await repos.trials.listByStudy(study.id))[2];
    expect(reused).toMatchObject({ number: 2, state: 'COMPLETE', origin: 'reused', value: 1.5, metrics: { value: 1.5 }, meta: { reusedFrom: 0 } });
    expect(reused.note).toContain('already measured by trial 0');
  });
});
