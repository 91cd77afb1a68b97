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
    expect(Array.isArray(inserted) && inserted.map((t) => t.number)).toEqual([1, 2]);
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
});
