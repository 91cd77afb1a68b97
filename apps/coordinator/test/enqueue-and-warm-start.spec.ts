import { jobIdForTrial } from '@attune/queue/job-ids';
import { evaluationQueueName } from '@attune/queue/queue-names';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';

const tc = testCoordinator();
let db: Client;

beforeAll(async () => {
  await tc.start();
  db = new Client({ connectionString: tc.iso.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await tc.destroy();
});

async function trialRows(studyId: string) {
  const { rows } = await db.query(`SELECT id, number, state, origin, params, value, meta FROM "${tc.iso.schema}".trials WHERE study_id = $1 ORDER BY number`, [studyId]);
  return rows;
}

/** A study on a target no worker serves: its trials stay QUEUED until the test finishes them. */
async function createStudy(overrides: Record<string, unknown> = {}) {
  const res = await tc.http.post('/studies', studySpec({ budget: { maxTrials: 10, parallelism: 1 }, ...overrides }));
  expect(res.status).toBe(201);
  return res.body;
}

/** Ends every pending trial of a study COMPLETE, its metric `value` the square of x. */
async function completePending(studyId: string) {
  await db.query(
    `UPDATE "${tc.iso.schema}".trials SET state = 'COMPLETE', value = (params->>'x')::float8 ^ 2, metrics = jsonb_build_object('value', (params->>'x')::float8 ^ 2), ended_at = now()
      WHERE study_id = $1 AND state IN ('QUEUED', 'RUNNING')`,
    [studyId],
  );
}

async function jobsOf(target: string, trialIds: readonly string[]) {
  const queue = new Queue(evaluationQueueName(target), { connection: { url: tc.iso.redisUrl }, prefix: tc.iso.queuePrefix });
  try {
    return await Promise.all(trialIds.map(async (id) => (await queue.getJob(jobIdForTrial(id)))?.data));
  } finally {
    await queue.close();
  }
}

describe('POST /studies/:id/trials', () => {
  it('numbers the configurations after the study\'s trials, fills in defaults, and enqueues their jobs', async () => {
    const study = await createStudy({ target: 'enq-a', parameters: [{ name: 'x', type: 'float', min: -5, max: 5 }, { name: 'mode', type: 'categorical', values: ['a', 'b'], default: 'b' }] });
    await expectEventually(async () => expect(await trialRows(study.id)).toHaveLength(1));
    const res = await tc.http.post(`/studies/${study.id}/trials`, { trials: [{ params: { x: 1.5, mode: 'a' } }, { params: { x: -2 } }] });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([]);
    expect(res.body.trials.map((t: Record<string, unknown>) => [t.number, t.state, t.origin, t.params])).toEqual([
      [1, 'QUEUED', 'enqueued', { x: 1.5, mode: 'a' }],
      [2, 'QUEUED', 'enqueued', { x: -2, mode: 'b' }],
    ]);
    const jobs = await jobsOf('enq-a', res.body.trials.map((t: { id: string }) => t.id));
    expect(jobs.map((j) => [j?.trialNumber, j?.params])).toEqual([[1, { x: 1.5, mode: 'a' }], [2, { x: -2, mode: 'b' }]]);
    // Enqueued trials are pending trials: the driver proposes nothing more while they are in flight (parallelism 1).
    await new Promise((r) => setTimeout(r, 300));
    expect((await trialRows(study.id)).map((t) => t.number)).toEqual([0, 1, 2]);
  });

  it('reuses the measurement of a configuration already measured, and says so', async () => {
    const study = await createStudy({ target: 'enq-b' });
    await tc.http.post(`/studies/${study.id}/trials`, { trials: [{ params: { x: 3, mode: 'a' } }] });
    await completePending(study.id);
    const measured = (await trialRows(study.id)).find((t) => t.params.x === 3)!;
    const res = await tc.http.post(`/studies/${study.id}/trials`, { trials: [{ params: { mode: 'a', x: 3 } }, { params: { x: 0.25, mode: 'b' } }] });
    expect(res.status).toBe(201);
    const [reused, fresh] = res.body.trials;
    expect(reused).toMatchObject({ state: 'COMPLETE', origin: 'reused', params: { x: 3, mode: 'a' }, value: 9, metrics: { value: 9 } });
    expect(fresh).toMatchObject({ number: reused.number + 1, state: 'QUEUED', origin: 'enqueued' });
    expect(res.body.warnings).toEqual([`trial ${reused.number}: this configuration was already measured by trial ${measured.number}; its measurement is reused, not taken again`]);
    expect(await jobsOf('enq-b', [reused.id, fresh.id])).toEqual([undefined, expect.objectContaining({ trialId: fresh.id })]);
    const events = await db.query(`SELECT kind, payload FROM "${tc.iso.schema}".study_events WHERE study_id = $1 AND kind = 'trial-finished'`, [study.id]);
    expect(events.rows).toEqual([{ kind: 'trial-finished', payload: { trialId: reused.id, number: reused.number, state: 'COMPLETE', value: 9, metrics: { value: 9 } } }]);
  });

  it('answers 400 naming each bad field, 404 for an unknown study, 409 once the study is not RUNNING or its budget is short; stores nothing', async () => {
    const study = await createStudy({ target: 'enq-c', budget: { maxTrials: 3, parallelism: 1 } });
    await expectEventually(async () => expect(await trialRows(study.id)).toHaveLength(1));
    const bad = await tc.http.post(`/studies/${study.id}/trials`, { trials: [{ params: { x: 1, mode: 'a' } }, { params: { x: 11, mode: 'a', y: 1 } }, { params: { x: 1 } }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'INVALID_ARGUMENT' });
    expect(bad.body.issues).toEqual([
      { path: 'trials[1].params.x', message: '11 is not a number in [-5, 5]' },
      { path: 'trials[1].params.y', message: 'is not a parameter of the study (its parameters: x, mode)' },
      { path: 'trials[2].params.mode', message: 'is required: the parameter has no default to fall back on' },
    ]);
    const shape = await tc.http.post(`/studies/${study.id}/trials`, { trials: [{ params: { x: [1] } }], extra: 1 });
    expect(shape.status).toBe(400);
    expect(shape.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['extra', 'trials[0].params.x']);
    const tooMany = await tc.http.post(`/studies/${study.id}/trials`, { trials: Array.from({ length: 101 }, () => ({ params: { x: 1, mode: 'a' } })) });
    expect(tooMany.body.issues).toEqual([{ path: 'trials', message: 'must list at most 100 trials per request' }]);
    const short = await tc.http.post(`/studies/${study.id}/trials`, { trials: [0, 1, 2].map((x) => ({ params: { x, mode: 'a' } })) });
    expect(short).toMatchObject({ status: 409, body: { error: 'CONFLICT', message: `study ${study.id} has 2 trials left in its budget (maxTrials 3, 1 used): 3 trials cannot be added` } });
    const unknown = await tc.http.post('/studies/00000000-0000-4000-8000-000000000000/trials', { trials: [{ params: { x: 1, mode: 'a' } }] });
    expect(unknown.status).toBe(404);
    await tc.http.post(`/studies/${study.id}/stop`);
    const stopped = await tc.http.post(`/studies/${study.id}/trials`, { trials: [{ params: { x: 1, mode: 'a' } }] });
    expect(stopped).toMatchObject({ status: 409, body: { error: 'CONFLICT', message: `study ${study.id} is STOPPED: trials are added to a RUNNING study only` } });
    expect(await trialRows(study.id)).toHaveLength(1);
  });
});

describe('warm start', () => {
  it('copies the fitting COMPLETE trials of earlier studies on the same target, rescored, and reports what it dropped', async () => {
    const earlier = await createStudy({ target: 'ws', budget: { maxTrials: 10, parallelism: 1 } });
    await tc.http.post(`/studies/${earlier.id}/trials`, { trials: [{ params: { x: 1, mode: 'a' } }, { params: { x: -3, mode: 'b' } }, { params: { x: 2, mode: 'b' } }] });
    await completePending(earlier.id);
    await tc.http.post(`/studies/${earlier.id}/stop`);
    const elsewhere = await createStudy({ target: 'ws-other' });
    const unknown = '00000000-0000-4000-8000-0000000000ff';
    // A trial the driver proposed between the completion and the stop is CANCELLED: never copied, never counted.
    const complete = (await trialRows(earlier.id)).filter((t) => t.state === 'COMPLETE');
    const fitting = complete.filter((t) => t.params.x >= 0);

    const res = await tc.http.post(
      '/studies',
      studySpec({
        target: 'ws',
        parameters: [{ name: 'x', type: 'float', min: 0, max: 5 }, { name: 'mode', type: 'categorical', values: ['a', 'b'] }, { name: 'k', type: 'int', min: 1, max: 4, default: 2 }],
        objective: { direction: 'maximize' },
        budget: { maxTrials: 2, parallelism: 1 },
        warmStart: { studies: [earlier.id, elsewhere.id, unknown] },
      }),
    );
    expect(res.status).toBe(201);
    const dropped = complete.length - fitting.length;
    expect(res.body.warmStart).toEqual({
      studies: [
        { id: earlier.id, copied: fitting.length, dropped, reasons: dropped > 0 ? [`${dropped} trial${dropped === 1 ? '' : 's'}: parameter "x": the value is not a number in [0, 5]`] : [] },
        { id: elsewhere.id, copied: 0, dropped: 0, reasons: ['ran on target "ws-other", not "ws": its measurements are of another system'] },
        { id: unknown, copied: 0, dropped: 0, reasons: ['does not exist'] },
      ],
    });
    expect(res.body.warnings).toEqual(expect.arrayContaining([`warm start: study ${unknown} gave no trial (does not exist)`, expect.stringContaining(`warm start: study ${elsewhere.id} gave no trial`)]));
    const copies = (await trialRows(res.body.id)).filter((t) => t.origin === 'warm-start');
    expect(copies.map((t) => [t.number, t.state, t.params, t.value, t.meta])).toEqual(
      fitting.map((t, i) => [i, 'COMPLETE', { ...t.params, k: 2 }, t.params.x ** 2, { warmStartFrom: { studyId: earlier.id, number: t.number } }]),
    );
    // The copies use none of the budget: the study still measures maxTrials (2) trials of its own, after them.
    await expectEventually(async () => {
      await completePending(res.body.id);
      expect((await tc.http.get(`/studies/${res.body.id}`)).body.state).toBe('COMPLETE');
    });
    const own = (await trialRows(res.body.id)).filter((t) => t.origin !== 'warm-start');
    expect(own.map((t) => t.number)).toEqual([copies.length, copies.length + 1]);
  });

  it('leaves a study without warmStart as it was: no report', async () => {
    const study = await createStudy({ target: 'ws-none' });
    expect(study).not.toHaveProperty('warmStart');
  });
});
