import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedEnv } from '../../../../test/support/isolated-env';
import { openDataSource } from '../open-data-source';
import { runMigrations } from '../run-migrations';
import { withStudySession } from '../study-lock';
import { sampleSpec } from './sample-spec.fixture';
import { StudyRepository } from './study.repository';
import { TrialSummaryRepository } from './trial-summary.repository';
import { TrialRepository } from './trial.repository';

const iso = createIsolatedEnv();
let ds: DataSource;
let studies: StudyRepository;
let trials: TrialRepository;

beforeAll(async () => {
  ds = await openDataSource({ url: iso.databaseUrl, schema: iso.schema }, 4);
  await runMigrations(ds);
  studies = new StudyRepository(ds);
  trials = new TrialRepository(ds);
});
afterAll(async () => {
  await ds?.destroy();
  await iso.cleanup();
});

describe('StudyRepository', () => {
  it('stores a spec and maps it back as a record without ORM details', async () => {
    const spec = sampleSpec({ name: 'mapped' });
    const created = await studies.insert(spec);
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      spec,
      project: 'default',
      state: 'RUNNING',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(await studies.findById(created.id)).toEqual(created);
  });

  it('ends a study once: the first ending wins', async () => {
    const s = await studies.insert(sampleSpec());
    expect(await studies.end(s.id, 'STOPPED', 'stopped by user')).toBe(true);
    expect(await studies.end(s.id, 'COMPLETE', 'maxTrials reached (10)')).toBe(false);
    const ended = await studies.findById(s.id);
    expect(ended).toMatchObject({ state: 'STOPPED', stopReason: 'stopped by user', endedAt: expect.any(Date) });
    expect(await studies.runningIds()).not.toContain(s.id);
  });

  it('lists newest first, filtered and paged, with the total', async () => {
    const page = await studies.list({ limit: 1, offset: 0 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    const stopped = await studies.list({ state: 'STOPPED', limit: 10, offset: 0 });
    expect(stopped.items.every((s) => s.state === 'STOPPED')).toBe(true);
  });
});

describe('TrialRepository', () => {
  it('inserts proposals, records outcomes once and finds the best', async () => {
    const s = await studies.insert(sampleSpec());
    const inserted = await trials.insertQueued(s.id, [
      { number: 0, params: { x: 1, mode: 'a' }, meta: { arm: 1 } },
      { number: 1, params: { x: 2, mode: 'b' } },
      { number: 2, params: { x: 3, mode: 'a' } },
    ]);
    expect(inserted.map((t) => [t.number, t.state])).toEqual([[0, 'QUEUED'], [1, 'QUEUED'], [2, 'QUEUED']]);
    expect(inserted[0].meta).toEqual({ arm: 1 });
    expect(inserted[1]).not.toHaveProperty('meta');

    const moved = await trials.markRunning([inserted[0].id, inserted[1].id]);
    expect(moved.map((t) => t.number).sort()).toEqual([0, 1]);
    expect(moved.every((t) => t.studyId === s.id)).toBe(true);
    expect(await trials.markRunning([inserted[0].id])).toEqual([]);
    const done = { state: 'COMPLETE' as const, metrics: { value: 5 }, value: 5, workerId: 'w1', endedAt: new Date() };
    expect(await trials.finish(inserted[0].id, { ...done, note: 'a note' })).toBe(s.id);
    expect((await trials.listByStudy(s.id))[0].note).toBe('a note');
    expect(await trials.finish(inserted[0].id, { ...done, value: -100 })).toBeUndefined();
    expect(await trials.finish(inserted[1].id, { ...done, value: 3 }, randomUUID())).toBeUndefined();
    expect(await trials.finish(inserted[1].id, { ...done, value: 3 }, s.id)).toBe(s.id);

    expect(await trials.best(s.id, 'minimize')).toMatchObject({ number: 1, value: 3 });
    expect(await trials.best(s.id, 'maximize')).toMatchObject({ number: 0, value: 5, workerId: 'w1', startedAt: expect.any(Date) });
    const other = await studies.insert(sampleSpec());
    const bests = await new TrialSummaryRepository(ds).bestByStudy([s.id, other.id], 'minimize');
    expect([...bests.keys()]).toEqual([s.id]);
    expect(bests.get(s.id)).toMatchObject({ number: 1, value: 3 });
    expect((await new TrialSummaryRepository(ds).bestByStudy([s.id], 'maximize')).get(s.id)).toMatchObject({ number: 0, value: 5 });
    const counts = (await new TrialSummaryRepository(ds).countByStudy([s.id])).get(s.id);
    expect(counts).toEqual({ total: 3, queued: 1, running: 0, complete: 2, failed: 0, pruned: 0, timedOut: 0, cancelled: 0 });
  });

  it('records a batch of outcomes in one statement: pending trials of the right study only, first outcome wins', async () => {
    const s = await studies.insert(sampleSpec());
    const [a, b, c] = await trials.insertQueued(s.id, [0, 1, 2].map((n) => ({ number: n, params: { x: n, mode: 'a' } })));
    await trials.finish(c.id, { state: 'FAILED', error: 'earlier' });
    const done = (value: number) => ({ state: 'COMPLETE' as const, value, metrics: { value }, workerId: 'w', startedAt: new Date(1000), endedAt: new Date(2000) });
    const changed = await trials.finishMany([
      { trialId: a.id, studyId: s.id, outcome: { ...done(1), note: 'dropped from the metrics: "x" is not a number: "y"' } },
      { trialId: a.id, studyId: s.id, outcome: done(99) },
      { trialId: b.id, studyId: randomUUID(), outcome: done(2) },
      { trialId: c.id, studyId: s.id, outcome: done(3) },
    ]);
    expect([...changed]).toEqual([[a.id, { id: a.id, studyId: s.id, number: 0, params: { x: 0, mode: 'a' } }]]);
    const rows = await trials.listByStudy(s.id);
    expect(rows[0]).toMatchObject({ state: 'COMPLETE', value: 1, metrics: { value: 1 }, note: 'dropped from the metrics: "x" is not a number: "y"', workerId: 'w', startedAt: new Date(1000), endedAt: new Date(2000) });
    expect(rows[1].state).toBe('QUEUED');
    expect(rows[2]).toMatchObject({ state: 'FAILED', error: 'earlier' });
    expect(await trials.finishMany([])).toEqual(new Map());
  });

  it('numbers trials under the study row: a share lock that waited for a writer holding it FOR UPDATE counts that writer\'s trials', async () => {
    const s = await studies.insert(sampleSpec());
    await trials.insertQueued(s.id, [{ number: 0, params: { x: 0, mode: 'a' } }]);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    const writer = ds.transaction(async (tx) => {
      expect(await studies.lockForNewTrials(s.id, tx)).toEqual({ state: 'RUNNING', trials: 1, used: 1 });
      await trials.insertQueued(s.id, [1, 2].map((n) => ({ number: n, params: { x: n, mode: 'a' }, origin: 'enqueued' as const })), tx);
      locked();
      await held;
    });
    await holding;
    const reader = ds.transaction((tx) => studies.lockedState(s.id, tx));
    // The reader waits for the writer's row lock; give it time to take its snapshot and block.
    await new Promise((r) => setTimeout(r, 200));
    release();
    await writer;
    expect(await reader).toEqual({ state: 'RUNNING', trials: 3 });
  });

  it('counts a study\'s budget without cancelled and warm-start trials; copies complete trials with their outcome', async () => {
    const s = await studies.insert(sampleSpec());
    await trials.insertComplete(s.id, [{ number: 0, params: { x: 1, mode: 'a' }, origin: 'warm-start', value: 2, metrics: { value: 2 }, meta: { warmStartFrom: { number: 4 } }, note: 'copied' }]);
    const [queued] = await trials.insertQueued(s.id, [{ number: 1, params: { x: 2, mode: 'a' } }, { number: 2, params: { x: 3, mode: 'a' } }]);
    await trials.cancelPending(s.id, 'test');
    await trials.insertQueued(s.id, [{ number: 3, params: { x: 4, mode: 'a' } }]);
    expect(await ds.transaction((tx) => studies.lockForNewTrials(s.id, tx))).toEqual({ state: 'RUNNING', trials: 4, used: 1 });
    expect(queued.state).toBe('QUEUED');
    const [copy] = await trials.listComplete(s.id);
    expect(copy).toMatchObject({ number: 0, state: 'COMPLETE', origin: 'warm-start', value: 2, metrics: { value: 2 }, meta: { warmStartFrom: { number: 4 } }, note: 'copied', endedAt: expect.any(Date) });
    // The duplicate guard finds a copy like any measured trial.
    expect((await trials.findMeasured(s.id, [{ x: 9, mode: 'a' }, { x: 1, mode: 'a' }])).get(1)?.id).toBe(copy.id);
  });

  it('refuses a second trial with the same number', async () => {
    const s = await studies.insert(sampleSpec());
    await trials.insertQueued(s.id, [{ number: 0, params: { x: 1, mode: 'a' } }]);
    await expect(trials.insertQueued(s.id, [{ number: 0, params: { x: 2, mode: 'a' } }])).rejects.toThrow(/trials_study_number_uq/);
  });

  it('cancels only pending trials and pages by state', async () => {
    const s = await studies.insert(sampleSpec());
    const [a, b] = await trials.insertQueued(s.id, [
      { number: 0, params: { x: 1, mode: 'a' } },
      { number: 1, params: { x: 2, mode: 'a' } },
    ]);
    await trials.finish(a.id, { state: 'FAILED', error: 'boom' });
    expect(await trials.cancelPending(s.id, 'study stopped')).toEqual([b.id]);
    const failed = await trials.page(s.id, { state: 'FAILED', limit: 10, offset: 0 });
    expect(failed).toMatchObject({ total: 1, items: [{ number: 0, error: 'boom' }] });
    expect(await trials.finishPending([a.id, b.id], 'TIMED_OUT', 'late')).toEqual([]);
  });
});

describe('withStudySession', () => {
  it('lets one holder at a time drive a study; the lock is free again once the holder is done', async () => {
    const s = await studies.insert(sampleSpec());
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = withStudySession(ds, s.id, async () => {
      entered();
      await held;
      return 'first';
    });
    await inside;
    expect(await withStudySession(ds, s.id, async () => 'second')).toEqual({ acquired: false });
    release();
    expect(await first).toEqual({ acquired: true, value: 'first' });
    expect(await withStudySession(ds, s.id, async () => 'third')).toEqual({ acquired: true, value: 'third' });
  });

  it('commits each transaction of the session on its own, and rolls back only the one that throws', async () => {
    const s = await studies.insert(sampleSpec());
    await expect(
      withStudySession(ds, s.id, async (session) => {
        await session.transaction((tx) => trials.insertQueued(s.id, [{ number: 0, params: { x: 1, mode: 'a' } }], tx));
        await session.transaction(async (tx) => {
          await trials.insertQueued(s.id, [{ number: 1, params: { x: 2, mode: 'a' } }], tx);
          throw new Error('nope');
        });
      }),
    ).rejects.toThrow('nope');
    expect((await trials.listByStudy(s.id)).map((t) => t.number)).toEqual([0]);
    expect(await withStudySession(ds, s.id, async () => 1)).toEqual({ acquired: true, value: 1 });
  });
});
