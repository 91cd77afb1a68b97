import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedEnv } from '../../../../test/support/isolated-env';
import { openDataSource } from '../open-data-source';
import { runMigrations } from '../run-migrations';
import { sampleSpec } from './sample-spec.fixture';
import { StudyRepository } from './study.repository';
import { TrialStepRepository } from './trial-step.repository';
import { TrialRepository } from './trial.repository';

const iso = createIsolatedEnv();
let ds: DataSource;
let studies: StudyRepository;
let trials: TrialRepository;
let steps: TrialStepRepository;

beforeAll(async () => {
  ds = await openDataSource({ url: iso.databaseUrl, schema: iso.schema }, 4);
  await runMigrations(ds);
  studies = new StudyRepository(ds);
  trials = new TrialRepository(ds);
  steps = new TrialStepRepository(ds);
});
afterAll(async () => {
  await ds?.destroy();
  await iso.cleanup();
});

const at = new Date('2026-12-04T22:00:00.000Z');
const step = (n: number, metrics: Record<string, number> = { value: 10 - n }) => ({ step: n, metrics, reportedAt: new Date(at.getTime() + n * 100) });

async function studyWithTrials(count: number) {
  const study = await studies.insert(sampleSpec());
  const queued = await trials.insertQueued(study.id, Array.from({ length: count }, (_, number) => ({ number, params: { x: number, mode: 'a' } })));
  return { study, trials: queued };
}

describe('TrialStepRepository', () => {
  it('stores a trial\'s steps once, counting them and raising its last step; a replay stores nothing', async () => {
    const { study, trials: [t] } = await studyWithTrials(1);
    const first = await steps.store(study.id, t.id, [step(0), step(1), step(2)], 10_000);
    expect(first).toEqual({ known: true, state: 'QUEUED', inserted: [step(0), step(1), step(2)] });
    const replay = await steps.store(study.id, t.id, [step(1), step(2), step(3)], 10_000);
    expect(replay.inserted).toEqual([step(3)]);
    expect(await steps.listByTrial(t.id)).toEqual([step(0), step(1), step(2), step(3)]);
    expect(await trials.findById(t.id)).toMatchObject({ lastStep: 3 });
    expect((await steps.allStates(study.id))[0]).toMatchObject({ number: 0, state: 'QUEUED', lastStep: 3, stepCount: 4 });
  });

  it('stores nothing for an unknown trial or another study\'s, and at most maxPerTrial steps of a trial', async () => {
    const { study, trials: [t] } = await studyWithTrials(1);
    expect(await steps.store(study.id, randomUUID(), [step(0)], 10_000)).toEqual({ known: false, inserted: [] });
    expect(await steps.store(randomUUID(), t.id, [step(0)], 10_000)).toEqual({ known: false, inserted: [] });
    expect((await steps.store(study.id, t.id, [step(0), step(1), step(2)], 2)).inserted.map((s) => s.step)).toEqual([0, 1]);
    expect((await steps.store(study.id, t.id, [step(5)], 2)).inserted).toEqual([]);
    expect((await steps.allStates(study.id))[0]).toMatchObject({ stepCount: 2, lastStep: 1 });
  });

  it('keeps the steps of an ended trial, but a PRUNED trial\'s last step stays the one it was stopped at', async () => {
    const { study, trials: [done, pruned] } = await studyWithTrials(2);
    await steps.store(study.id, done.id, [step(0)], 10_000);
    await trials.finish(done.id, { state: 'COMPLETE', value: 1 });
    expect((await steps.store(study.id, done.id, [step(1)], 10_000)).inserted).toHaveLength(1);
    expect(await trials.findById(done.id)).toMatchObject({ lastStep: 1 });

    await steps.store(study.id, pruned.id, [step(0), step(1)], 10_000);
    const changed = await trials.prune([{ trialId: pruned.id, studyId: study.id, step: 1, value: 9, metrics: { value: 9 }, reason: 'pruned at step 1', endedAt: at }]);
    expect([...changed.keys()]).toEqual([pruned.id]);
    expect((await trials.prune([{ trialId: pruned.id, studyId: study.id, step: 1, value: 9, metrics: { value: 9 }, reason: 'again', endedAt: at }])).size).toBe(0);
    await steps.store(study.id, pruned.id, [step(2)], 10_000);
    expect(await trials.findById(pruned.id)).toMatchObject({ state: 'PRUNED', value: 9, metrics: { value: 9 }, lastStep: 1, error: 'pruned at step 1', endedAt: at, startedAt: step(0).reportedAt });
    expect((await steps.allStates(study.id))[1]).toMatchObject({ stepCount: 3, lastStep: 1 });
  });

  it('reads one metric of trials after a step each, without a value where it was not reported', async () => {
    const { study, trials: [a, b] } = await studyWithTrials(2);
    await steps.store(study.id, a.id, [step(0), step(1, { other: 1 }), step(2)], 10_000);
    await steps.store(study.id, b.id, [step(0), step(1)], 10_000);
    const read = await steps.metricSteps([{ trialId: a.id, step: -1 }, { trialId: b.id, step: 0 }], 'value');
    expect(read).toEqual(
      expect.arrayContaining([
        { trialId: a.id, step: 0, value: 10 },
        { trialId: a.id, step: 1 },
        { trialId: a.id, step: 2, value: 8 },
        { trialId: b.id, step: 1, value: 9 },
      ]),
    );
    expect(read).toHaveLength(4);
  });

  it('reads the trials that may have changed since a copy: pending in it, new, or ended just now', async () => {
    const { study, trials: ts } = await studyWithTrials(4);
    await trials.finish(ts[0].id, { state: 'COMPLETE', value: 1, endedAt: new Date(Date.now() - 3_600_000) });
    await trials.finish(ts[1].id, { state: 'COMPLETE', value: 2 });
    const read = await steps.states(study.id, { numbers: [2], from: 3, endedWithinMs: 60_000 });
    expect(read.map((t) => t.number)).toEqual([1, 2, 3]);
    expect(read[0]).toMatchObject({ state: 'COMPLETE', value: 2, stepCount: 0 });
  });

  it('pages a study\'s curves of one metric by trial number, thinned to the most points asked', async () => {
    const { study, trials: ts } = await studyWithTrials(3);
    await steps.store(study.id, ts[0].id, Array.from({ length: 100 }, (_, i) => step(i, { value: i })), 10_000);
    await steps.store(study.id, ts[2].id, [step(0, { other: 1 }), step(3)], 10_000);
    const page = await steps.curves(study.id, 'value', { limit: 10, offset: 0 }, 20);
    expect(page.total).toBe(2);
    expect(page.items.map((c) => [c.number, c.state])).toEqual([[0, 'QUEUED'], [2, 'QUEUED']]);
    const [thinned, short] = page.items;
    expect(thinned.steps.length).toBeLessThanOrEqual(10);
    expect(thinned.steps[0]).toBe(0);
    expect(thinned.steps.at(-1)).toBe(99);
    expect(thinned.values).toEqual(thinned.steps);
    expect(short).toEqual({ number: 2, state: 'QUEUED', steps: [3], values: [7] });
    expect((await steps.curves(study.id, 'value', { limit: 10, offset: 1 }, 1000)).items.map((c) => c.number)).toEqual([2]);
  });
});
