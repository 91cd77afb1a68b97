import { pageSchema, stepRowSchema, trialCurveSchema, trialRowSchema } from '@attune/core/api/responses';
import { openDataSource } from '@attune/persistence/open-data-source';
import { TrialStepRepository } from '@attune/persistence/repositories/trial-step.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studySpec, testCoordinator } from '../support/test-coordinator';

// GET /studies/:id/trials/:number/steps and GET /studies/:id/steps over steps stored as ingestion stores them.

const tc = testCoordinator();
let ds: DataSource;
let studyId: string;

beforeAll(async () => {
  await tc.start();
  ds = await openDataSource({ url: tc.iso.databaseUrl, schema: tc.iso.schema }, 2);
  const created = await tc.http.post('/studies', studySpec({ target: 'nobody-serves-this', objective: { metric: 'acc', direction: 'maximize' }, pruner: { name: 'median' } }));
  expect(created.status).toBe(201);
  studyId = created.body.id as string;
  const trials = new TrialRepository(ds);
  const steps = new TrialStepRepository(ds);
  const rows = await trials.insertQueued(studyId, [{ number: 100, params: { x: 0, mode: 'a' } }, { number: 101, params: { x: 1, mode: 'b' } }]);
  const at = (i: number) => new Date(Date.UTC(2026, 11, 4, 22, 0, i));
  await steps.store(studyId, rows[0].id, Array.from({ length: 5 }, (_, i) => ({ step: i * 10, metrics: { acc: i / 10, loss: 1 - i / 10 }, reportedAt: at(i) })), 10_000);
  await steps.store(studyId, rows[1].id, [{ step: 0, metrics: { loss: 1 }, reportedAt: at(0) }], 10_000);
  await trials.prune([{ trialId: rows[1].id, studyId, step: 0, metrics: { loss: 1 }, reason: 'pruned at step 0 by median: test', endedAt: at(1) }]);
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await tc.destroy();
});

describe('the steps routes', () => {
  it("serve a trial's steps, rising, and its last step on its row", async () => {
    const res = await tc.http.get(`/studies/${studyId}/trials/100/steps`);
    expect(res.status).toBe(200);
    const page = pageSchema(stepRowSchema).parse(res.body);
    expect(page.total).toBe(5);
    expect(page.items[1]).toEqual({ step: 10, metrics: { acc: 0.1, loss: 0.9 }, at: '2026-12-04T22:00:01.000Z' });
    const rows = pageSchema(trialRowSchema).parse((await tc.http.get(`/studies/${studyId}/trials?limit=1000`)).body).items;
    expect(rows.find((t) => t.number === 100)?.lastStep).toBe(40);
    expect(rows.find((t) => t.number === 101)).toMatchObject({ state: 'PRUNED', lastStep: 0, error: 'pruned at step 0 by median: test' });
    expect(rows.find((t) => t.number === 0)?.lastStep).toBeUndefined();
  });

  it("show the study's pruner, its options' defaults applied, in its summary", async () => {
    const detail = (await tc.http.get(`/studies/${studyId}`)).body;
    expect(detail.pruner).toEqual({ name: 'median', options: { startupTrials: 5, warmupSteps: 0, intervalSteps: 1, minTrials: 1 } });
    expect(detail.trials.pruned).toBe(1);
  });

  it('serve the curves of the objective metric (or another), a page of trials by number', async () => {
    const page = pageSchema(trialCurveSchema).parse((await tc.http.get(`/studies/${studyId}/steps`)).body);
    expect(page).toEqual({
      total: 2,
      items: [
        { number: 100, state: 'QUEUED', steps: [0, 10, 20, 30, 40], values: [0, 0.1, 0.2, 0.3, 0.4] },
        { number: 101, state: 'PRUNED', steps: [], values: [] },
      ],
    });
    const loss = pageSchema(trialCurveSchema).parse((await tc.http.get(`/studies/${studyId}/steps?metric=loss&offset=1&limit=1`)).body);
    expect(loss).toEqual({ total: 2, items: [{ number: 101, state: 'PRUNED', steps: [0], values: [1] }] });
  });

  it('answer 404 for an unknown study or trial, 400 naming the field for bad input', async () => {
    expect((await tc.http.get(`/studies/00000000-0000-4000-8000-000000000000/steps`)).status).toBe(404);
    expect((await tc.http.get(`/studies/00000000-0000-4000-8000-000000000000/trials/0/steps`)).status).toBe(404);
    const noTrial = await tc.http.get(`/studies/${studyId}/trials/5000/steps`);
    expect(noTrial.status).toBe(404);
    expect(noTrial.body.message).toBe(`study ${studyId} has no trial 5000`);
    const badLimit = await tc.http.get(`/studies/${studyId}/steps?limit=201`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.message).toBe('limit: must be at most 200');
    expect((await tc.http.get(`/studies/${studyId}/trials/-1/steps`)).body.message).toMatch(/^number: /);
    expect((await tc.http.get(`/studies/not-a-uuid/steps`)).body.message).toMatch(/^id: /);
  });
});
