import { openDataSource } from '@attune/persistence/open-data-source';
import { sampleSpec } from '@attune/persistence/repositories/sample-spec.fixture';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { studyObjectives } from '@attune/core/objective/study-objectives';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { runMigrations } from '@attune/persistence/run-migrations';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedEnv } from '../../../../test/support/isolated-env';
import { StudyReleases } from './study-releases.service';
import { TrialHistory } from './trial-history.service';
import { toTrialViews } from './trial-views';

const iso = createIsolatedEnv();
let ds: DataSource;
let trials: TrialRepository;

beforeAll(async () => {
  ds = await openDataSource({ url: iso.databaseUrl, schema: iso.schema }, 2);
  await runMigrations(ds);
  trials = new TrialRepository(ds);
});
afterAll(async () => {
  await ds?.destroy();
  await iso.cleanup();
});

describe('TrialHistory', () => {
  it('reads incrementally yet always equals a full read, whoever changed the trials', async () => {
    const study = await new StudyRepository(ds).insert(sampleSpec());
    const history = new TrialHistory(trials, new StudyReleases());
    const add = (from: number, n: number) =>
      trials.insertQueued(study.id, Array.from({ length: n }, (_, i) => ({ number: from + i, params: { x: from + i, mode: 'a' } })));

    const [a, b] = await add(0, 3);
    expect(await history.load(study.id, ds.manager)).toEqual(await trials.listByStudy(study.id));

    // Another coordinator (or ingestion) finishes trials and adds new ones.
    await trials.finish(a.id, { state: 'COMPLETE', value: 1, metrics: { value: 1 } });
    await trials.markRunning([b.id]);
    await add(3, 2);
    const second = await history.load(study.id, ds.manager);
    expect(second).toEqual(await trials.listByStudy(study.id));
    expect(second.map((t) => t.state)).toEqual(['COMPLETE', 'RUNNING', 'QUEUED', 'QUEUED', 'QUEUED']);

    await trials.finish(b.id, { state: 'FAILED', error: 'x' });
    expect(await history.load(study.id, ds.manager)).toEqual(await trials.listByStudy(study.id));
  });

  it('shows the strategy a PRUNED trial with where it was stopped and its loss there, and no loss', async () => {
    const spec = sampleSpec({ objective: { metric: 'acc', direction: 'maximize' } });
    const study = await new StudyRepository(ds).insert(spec);
    const history = new TrialHistory(trials, new StudyReleases());
    const [t] = await trials.insertQueued(study.id, [{ number: 0, params: { x: 1, mode: 'a' } }]);
    await history.load(study.id, ds.manager);
    await trials.prune([{ trialId: t.id, studyId: study.id, step: 7, value: 0.25, metrics: { acc: 0.25 }, reason: 'pruned at step 7 by median: worse', endedAt: new Date() }]);
    const [view] = toTrialViews(await history.load(study.id, ds.manager), studyObjectives(spec));
    expect(view).toEqual({ number: 0, state: 'PRUNED', params: { x: 1, mode: 'a' }, lastStep: { step: 7, loss: -0.25 } });
  });
});
