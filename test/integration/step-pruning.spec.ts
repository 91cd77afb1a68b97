import { openDataSource } from '@attune/persistence/open-data-source';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { StudyEventRepository } from '@attune/persistence/repositories/study-event.repository';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { sampleSpec } from '@attune/persistence/repositories/sample-spec.fixture';
import { TrialStepRepository } from '@attune/persistence/repositories/trial-step.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { runMigrations } from '@attune/persistence/run-migrations';
import { StudyLocks } from '@attune/persistence/study-locks';
import type { TrialStepsJob } from '@attune/queue/trial-steps.job';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudyReleases } from '../../apps/coordinator/src/driver/study-releases.service';
import { StudyEventWriter } from '../../apps/coordinator/src/events/study-event-writer.service';
import { PruneWriter } from '../../apps/coordinator/src/pruning/prune-writer.service';
import { StepHistories } from '../../apps/coordinator/src/pruning/step-histories.service';
import { StepIngestion } from '../../apps/coordinator/src/pruning/step-ingestion.service';
import type { TrialCancellations } from '../../apps/coordinator/src/queues/trial-cancellations.service';
import { createIsolatedEnv } from '../support/isolated-env';

// The steps path against the real PostgreSQL: store, decide, and the prune's transaction (conditional, with its events).

const iso = createIsolatedEnv();
let ds: DataSource;
let studies: StudyRepository;
let trials: TrialRepository;
let steps: TrialStepRepository;
let events: StudyEventRepository;
let releases: StudyReleases;
let histories: StepHistories;
let ingestion: StepIngestion;
const cancelled: { target: string; trialIds: readonly string[]; reason: string }[] = [];

beforeAll(async () => {
  ds = await openDataSource({ url: iso.databaseUrl, schema: iso.schema }, 4);
  await runMigrations(ds);
  studies = new StudyRepository(ds);
  trials = new TrialRepository(ds);
  steps = new TrialStepRepository(ds);
  events = new StudyEventRepository(ds);
  releases = new StudyReleases();
  histories = new StepHistories(steps, releases);
  const writer = new PruneWriter(new StudyLocks(ds), studies, trials, new StudyEventWriter(events, randomUUID()));
  const cancellations = { cancel: async (target: string, trialIds: readonly string[], reason: string) => void cancelled.push({ target, trialIds, reason }) };
  ingestion = new StepIngestion(studies, steps, histories, writer, cancellations as unknown as TrialCancellations, releases);
});
afterAll(async () => {
  await ds?.destroy();
  await iso.cleanup();
});

const pruner = { name: 'median', options: { startupTrials: 1 } };

async function study(spec: Record<string, unknown> = { pruner }, count = 3): Promise<{ id: string; trials: TrialRecord[] }> {
  const s = await studies.insert(sampleSpec({ objective: { metric: 'loss', direction: 'minimize' }, ...spec }));
  const queued = await trials.insertQueued(s.id, Array.from({ length: count }, (_, number) => ({ number, params: { x: number, mode: 'a' } })));
  await trials.markRunning(queued.map((t) => t.id));
  return { id: s.id, trials: queued };
}

function job(studyId: string, trialId: string, values: readonly (number | undefined)[], first = 0): TrialStepsJob {
  return {
    studyId,
    trialId,
    target: 'branin',
    workerId: 'w1',
    steps: values.map((v, i) => ({ step: first + i, metrics: (v === undefined ? { other: 1 } : { loss: v, other: 1 }) as Record<string, number>, at: new Date(Date.UTC(2026, 11, 4, 22, 0, i)).toISOString() })),
  };
}

async function kinds(studyId: string): Promise<string[]> {
  return (await events.listAfter(studyId, 0, 100)).map((e) => (e.event.kind === 'trial-finished' ? `${e.event.kind}:${e.event.state}` : e.event.kind));
}

describe('StepIngestion', () => {
  it('prunes a trial worse than the median of the completed ones, in one transaction with its events, and tells the workers', async () => {
    const { id, trials: [done, bad] } = await study();
    await ingestion.ingest(job(id, done.id, [1, 0.8, 0.6]));
    await trials.finish(done.id, { state: 'COMPLETE', value: 0.6 });
    expect(await ingestion.ingest(job(id, bad.id, [undefined, 3, 2]))).toEqual({ stored: 3, pruned: true });
    const pruned = await trials.findById(bad.id);
    expect(pruned).toMatchObject({ state: 'PRUNED', lastStep: 1, value: 3, metrics: { loss: 3, other: 1 }, endedAt: expect.any(Date) });
    expect(pruned?.error).toMatch(/^pruned at step 1 by median: loss 3 at step 1 is worse than the median 0\.8 of 1 completed trials at that step/);
    const log = await events.listAfter(id, 0, 100);
    expect(log.map((e) => e.event)).toEqual([
      { kind: 'trial-pruned', trialId: bad.id, number: 1, step: 1, value: 3, reason: pruned!.error },
      { kind: 'trial-finished', trialId: bad.id, number: 1, state: 'PRUNED', metrics: { loss: 3, other: 1 }, error: pruned!.error },
    ]);
    expect(cancelled.at(-1)).toEqual({ target: 'branin', trialIds: [bad.id], reason: pruned!.error });
    // The steps after the one it was stopped at are kept, and its last step stays.
    expect((await steps.listByTrial(bad.id)).map((s) => s.step)).toEqual([0, 1, 2]);
    expect(pruned?.lastStep).toBe(1);

    // A replay of the report, and more steps that arrive late: stored once, no second decision, no event.
    const before = cancelled.length;
    expect(await ingestion.ingest(job(id, bad.id, [undefined, 3, 2]))).toEqual({ stored: 0, pruned: false });
    expect(await ingestion.ingest(job(id, bad.id, [9], 3))).toEqual({ stored: 1, pruned: false });
    expect(await kinds(id)).toEqual(['trial-pruned', 'trial-finished:PRUNED']);
    expect(cancelled).toHaveLength(before);
    // The worker's late result changes nothing.
    expect(await trials.finishMany([{ trialId: bad.id, studyId: id, outcome: { state: 'COMPLETE', value: 2 } }])).toEqual(new Map());
  });

  it('keeps a trial that does as well as the completed ones, and decides nothing for a trial that ended first', async () => {
    const { id, trials: [done, good, finished] } = await study();
    await ingestion.ingest(job(id, done.id, [1, 0.8]));
    await trials.finish(done.id, { state: 'COMPLETE', value: 0.8 });
    expect(await ingestion.ingest(job(id, good.id, [0.9, 0.7]))).toEqual({ stored: 2, pruned: false });
    // Its result came first: its steps are history, however bad.
    await trials.finish(finished.id, { state: 'COMPLETE', value: 5 });
    expect(await ingestion.ingest(job(id, finished.id, [5, 5]))).toEqual({ stored: 2, pruned: false });
    expect((await trials.findById(good.id))?.state).toBe('RUNNING');
    expect((await trials.findById(finished.id))?.state).toBe('COMPLETE');
    expect(await kinds(id)).toEqual([]);
  });

  it('sees the steps another coordinator stored since its copy was made', async () => {
    const { id, trials: [other, bad] } = await study();
    // The copy is made here while nothing has completed.
    expect(await ingestion.ingest(job(id, bad.id, [4]))).toEqual({ stored: 1, pruned: false });
    expect(histories.cachedStudies()).toContain(id);
    // Another coordinator ingested trial 0's steps, and its result.
    await steps.store(id, other.id, job(id, other.id, [1, 1]).steps.map((s) => ({ step: s.step, metrics: s.metrics, reportedAt: new Date(s.at) })), 10_000);
    await trials.finish(other.id, { state: 'COMPLETE', value: 1 });
    expect(await ingestion.ingest(job(id, bad.id, [4], 1))).toEqual({ stored: 1, pruned: true });
    expect(await trials.findById(bad.id)).toMatchObject({ state: 'PRUNED', lastStep: 1 });
    // The study ends: its copy goes.
    releases.release(id);
    expect(histories.cachedStudies()).not.toContain(id);
  });

  it('stores the steps of a study without a pruner and decides nothing; steps of an unknown trial are dropped', async () => {
    const { id, trials: [a, b] } = await study({});
    await ingestion.ingest(job(id, a.id, [1, 1]));
    await trials.finish(a.id, { state: 'COMPLETE', value: 1 });
    expect(await ingestion.ingest(job(id, b.id, [100, 100]))).toEqual({ stored: 2, pruned: false });
    expect(await trials.findById(b.id)).toMatchObject({ state: 'RUNNING', lastStep: 1 });
    expect(histories.cachedStudies()).not.toContain(id);
    expect(await ingestion.ingest(job(id, '00000000-0000-4000-8000-00000000abcd', [1]))).toEqual({ stored: 0, pruned: false });
  });

  it('prunes with successive halving at a rung among the running trials that reached it', async () => {
    const { id, trials: [good, bad] } = await study({ pruner: { name: 'successive-halving', options: { minResource: 1, reductionFactor: 2 } } });
    expect(await ingestion.ingest(job(id, good.id, [1, 1]))).toEqual({ stored: 2, pruned: false });
    expect(await ingestion.ingest(job(id, bad.id, [5, 5]))).toEqual({ stored: 2, pruned: true });
    expect(await trials.findById(bad.id)).toMatchObject({ state: 'PRUNED', lastStep: 1, value: 5 });
    expect((await trials.findById(bad.id))?.error).toMatch(/^pruned at step 1 by successive-halving: loss 5 at step 1 is not the best of the 2 trials that reached step 1/);
    expect((await trials.findById(good.id))?.state).toBe('RUNNING');
  });

  it('prunes a trial once when two reports of it are decided at once', async () => {
    const { id, trials: [done, bad] } = await study();
    await ingestion.ingest(job(id, done.id, [1, 1, 1]));
    await trials.finish(done.id, { state: 'COMPLETE', value: 1 });
    const both = await Promise.all([ingestion.ingest(job(id, bad.id, [5])), ingestion.ingest(job(id, bad.id, [6], 1)), ingestion.ingest(job(id, bad.id, [7], 2))]);
    expect(both.filter((r) => r.pruned)).toHaveLength(1);
    expect(await kinds(id)).toEqual(['trial-pruned', 'trial-finished:PRUNED']);
    expect(await trials.findById(bad.id)).toMatchObject({ state: 'PRUNED', lastStep: 0, value: 5 });
  });
});
