import { STUDY_EVENT_KINDS, studyEventMessageSchema, type StudyEventMessage } from '@attune/core/events/study-event';
import { openDataSource } from '@attune/persistence/open-data-source';
import { StudyEventRepository } from '@attune/persistence/repositories/study-event.repository';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker } from '../../../test/support/fake-evaluation-worker';
import { readSse } from '../../../test/support/sse-client';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';
import { StudyEventBus } from '../src/events/study-event-bus.service';
import { StudyEventStreams } from '../src/events/study-event-streams.service';

const tc = testCoordinator();
let db: Client;
let worker: FakeEvaluationWorker;

beforeAll(async () => {
  await tc.start();
  db = new Client({ connectionString: tc.iso.databaseUrl });
  await db.connect();
  worker = new FakeEvaluationWorker({
    redisUrl: tc.iso.redisUrl,
    queuePrefix: tc.iso.queuePrefix,
    target: 'events',
    concurrency: 4,
    duplicateResults: true,
    evaluate: async (job) => {
      await new Promise((r) => setTimeout(r, 5 + (job.trialNumber % 3) * 5));
      return job.trialNumber === 2 ? { error: 'boom' } : { metrics: { value: ((job.params.x as number) - 1) ** 2 } };
    },
  });
});
afterAll(async () => {
  await worker?.close();
  await db?.end();
  await tc.destroy();
});

async function logOf(studyId: string): Promise<StudyEventMessage[]> {
  const { rows } = await db.query(`SELECT seq, kind, payload, created_at FROM "${tc.iso.schema}".study_events WHERE study_id = $1 ORDER BY seq`, [studyId]);
  return rows.map((r) => studyEventMessageSchema.parse({ ...r.payload, kind: r.kind, seq: r.seq, studyId, at: r.created_at.toISOString() }));
}

async function runStudy(name: string, maxTrials: number): Promise<string> {
  const res = await tc.http.post('/studies', studySpec({ name, target: 'events', budget: { maxTrials, parallelism: 3 } }));
  expect(res.status).toBe(201);
  return res.body.id;
}

async function ended(id: string): Promise<void> {
  await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.state).toBe('COMPLETE'), { timeoutMs: 30_000 });
}

describe('study events', () => {
  it('are logged once each, numbered 1..n in order: created, trials started and finished, new bests improving, ended last', async () => {
    const id = await runStudy('ordered', 9);
    await ended(id);
    const log = await logOf(id);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log[0]).toMatchObject({ kind: 'study-created', name: 'ordered', target: 'events', maxTrials: 9 });
    expect(log.at(-1)).toMatchObject({ kind: 'study-ended', state: 'COMPLETE', reason: 'maxTrials reached (9)' });
    expect(log.filter((e) => e.kind === 'study-ended')).toHaveLength(1);

    const finished = log.filter((e) => e.kind === 'trial-finished');
    expect(finished.map((e) => e.number).sort((a, b) => a - b)).toEqual([...Array(9).keys()]);
    expect(finished.find((e) => e.number === 2)).toMatchObject({ state: 'FAILED', error: 'boom' });
    const at = (kind: string, number: number) => log.findIndex((e) => e.kind === kind && 'number' in e && e.number === number);
    for (const e of finished) if (at('trial-started', e.number) >= 0) expect(at('trial-started', e.number)).toBeLessThan(at('trial-finished', e.number));

    const bests = log.filter((e) => e.kind === 'new-best');
    expect(bests.length).toBeGreaterThan(0);
    const values = bests.map((e) => e.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(new Set(values).size).toBe(values.length);
    for (const e of bests) expect(at('new-best', e.number)).toBeGreaterThan(at('trial-finished', e.number));
    const best = (await tc.http.get(`/studies/${id}/best`)).body;
    expect(bests.at(-1)).toMatchObject({ number: best.number, value: best.value, params: best.params });
    expect(STUDY_EVENT_KINDS).toContain(log[1].kind);
  });

  it('streams as SSE, resumes after a dropped connection from Last-Event-ID, and ends after study-ended', async () => {
    const id = await runStudy('streamed', 8);
    const url = `${tc.http.baseUrl}/studies/${id}/events`;
    const first = await readSse(url, { stopAfter: 3 });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(first.ended).toBe(false);
    // The coordinator lets go of a stream whose client went away.
    await expectEventually(() => expect(tc.running!.app.get(StudyEventStreams).size).toBe(0));
    const lastId = first.events.at(-1)!.id!;
    // The study goes on while no one is connected.
    await ended(id);
    const rest = await readSse(url, { headers: { 'last-event-id': lastId } });
    expect(rest.ended).toBe(true);
    const received = [...first.events, ...rest.events];
    const log = await logOf(id);
    expect(received.map((e) => Number(e.id))).toEqual(log.map((e) => e.seq));
    expect(received.map((e) => e.event)).toEqual(log.map((e) => e.kind));
    expect(received.map((e) => studyEventMessageSchema.parse(JSON.parse(e.data)))).toEqual(log);

    const since = await readSse(`${url}?since=${log.length - 1}`);
    expect(since.events.map((e) => e.event)).toEqual(['study-ended']);
  });

  it('follows a running study live to its end', async () => {
    const id = await runStudy('live', 6);
    const stream = await readSse(`${tc.http.baseUrl}/studies/${id}/events`);
    expect(stream.events.at(-1)?.event).toBe('study-ended');
    expect(stream.events.map((e) => Number(e.id))).toEqual((await logOf(id)).map((e) => e.seq));
  });

  it('answers 404 for an unknown study and 400 naming a malformed id, Last-Event-ID or since', async () => {
    const base = tc.http.baseUrl;
    expect((await tc.http.get('/studies/00000000-0000-4000-8000-000000000000/events')).status).toBe(404);
    expect(await tc.http.get('/studies/nope/events')).toMatchObject({ status: 400, body: { issues: [{ path: 'id' }] } });
    const id = await runStudy('bad-resume', 1);
    const header = await fetch(`${base}/studies/${id}/events`, { headers: { 'last-event-id': 'abc' } });
    expect(header.status).toBe(400);
    expect(await header.json()).toMatchObject({ error: 'INVALID_ARGUMENT', issues: [{ path: 'Last-Event-ID' }] });
    expect(await tc.http.get(`/studies/${id}/events?since=-1`)).toMatchObject({ status: 400, body: { issues: [{ path: 'since' }] } });
  });

  it('is declared in the OpenAPI document as a text/event-stream', async () => {
    const doc = (await tc.http.get('/docs-json')).body;
    const op = doc.paths['/studies/{id}/events'].get;
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/event-stream']);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'Last-Event-ID', 'since']));
  });
});

describe('the event feed', () => {
  it('catches up from the log when its LISTEN connection comes back: every event once, in order', async () => {
    const heard: { studyId: string; seq: number }[] = [];
    const unsubscribe = tc.running!.app.get(StudyEventBus).subscribe((r) => heard.push(r));
    const id = (await tc.http.post('/studies', studySpec({ name: 'feed', target: 'nobody-serves-this', budget: { maxTrials: 1, parallelism: 1 } }))).body.id as string;
    const seen = () => heard.filter((r) => r.studyId === id).map((r) => r.seq);
    await expectEventually(() => expect(seen()).toEqual([1]));
    // Another writer, as a second coordinator would be.
    const ds = await openDataSource({ url: tc.iso.databaseUrl, schema: tc.iso.schema }, 1);
    try {
      const { rows } = await db.query(`SELECT pg_terminate_backend(pid) AS gone FROM pg_stat_activity WHERE application_name = $1`, [`attune-events ${tc.iso.schema}`]);
      expect(rows).toHaveLength(1);
      const events = new StudyEventRepository(ds);
      for (const number of [0, 1, 2]) {
        const event = { kind: 'trial-started' as const, trialId: `00000000-0000-4000-8000-00000000000${number}`, number };
        await ds.transaction((tx) => events.append([{ studyId: id, event }], undefined, tx));
      }
      await expectEventually(() => expect(seen()).toEqual([1, 2, 3, 4]));
    } finally {
      unsubscribe();
      await ds.destroy();
    }
  });
});
