import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker } from '../../../test/support/fake-evaluation-worker';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';

const tc = testCoordinator();
let db: Client;
const workers: FakeEvaluationWorker[] = [];

const parameters = [
  { name: 'workers', type: 'int', min: 1, max: 32 },
  { name: 'flags', type: 'categorical', values: ['-O2', '-O2 -g $X', "it's"] },
];

interface SeededTrial {
  number: number;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  value?: number;
  origin?: string;
  feasible?: boolean;
  violation?: number;
  score?: Record<string, unknown>;
  state?: string;
}

/**
 * A stopped study holding exactly these trials: created through the API (so
 * its spec is validated and stored as any other), stopped at once, and its
 * trials replaced by rows written here, so that each answer can be predicted.
 */
async function studyWith(spec: Record<string, unknown>, trials: readonly SeededTrial[]): Promise<string> {
  const created = await tc.http.post('/studies', studySpec({ target: `nobody-${randomUUID()}`, parameters, ...spec }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id;
  expect((await tc.http.post(`/studies/${id}/stop`)).status).toBe(200);
  await db.query(`DELETE FROM "${tc.iso.schema}".trials WHERE study_id = $1`, [id]);
  for (const t of trials) {
    await db.query(
      `INSERT INTO "${tc.iso.schema}".trials (id, study_id, number, state, params, origin, value, metrics, feasible, violation, score, started_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now())`,
      [randomUUID(), id, t.number, t.state ?? 'COMPLETE', t.params, t.origin ?? null, t.value ?? null, t.metrics, t.feasible ?? null, t.violation ?? null, t.score ?? null],
    );
  }
  return id;
}

const constrained = {
  objective: { metric: 'p99', direction: 'minimize' },
  constraints: [{ metric: 'mem', max: 100 }],
  baseline: { params: { workers: 4, flags: '-O2' } },
};

// #2 has the lowest p99 but breaks the memory bound; #3 is the best feasible, 20% better than the baseline #1.
const constrainedTrials: SeededTrial[] = [
  { number: 1, origin: 'baseline', params: { workers: 4, flags: '-O2' }, metrics: { p99: 10, mem: 50 }, value: 10, feasible: true, violation: 0, score: { improvement: { perMetric: { p99: 0 }, score: 0 } } },
  { number: 2, params: { workers: 32, flags: '-O2' }, metrics: { p99: 5, mem: 200 }, value: 5, feasible: false, violation: 1, score: { improvement: { perMetric: { p99: 0.5 }, score: 0.5 } } },
  { number: 3, params: { workers: 8, flags: '-O2 -g $X' }, metrics: { p99: 8, mem: 80 }, value: 8, feasible: true, violation: 0, score: { improvement: { perMetric: { p99: 0.2 }, score: 0.2 } } },
  { number: 4, params: { workers: 2, flags: "it's" }, metrics: { p99: 30, mem: 10 }, value: 30, feasible: true, violation: 0 },
];

const pareto = { objective: undefined, objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }], strategy: { name: 'nsga2', seed: 1 } };
const paretoTrial = (number: number, p99: number, rps: number): SeededTrial => ({ number, params: { workers: number, flags: '-O2' }, metrics: { p99, rps }, score: { losses: [p99, -rps] } });
// #2 is dominated by #1 (slower and fewer requests); #1, #3 and #4 each trade one objective for the other.
const paretoTrials = [paretoTrial(1, 10, 100), paretoTrial(2, 12, 90), paretoTrial(3, 5, 50), paretoTrial(4, 4, 40)];

async function getText(path: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${tc.http.baseUrl}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

beforeAll(async () => {
  await tc.start();
  db = new Client({ connectionString: tc.iso.databaseUrl });
  await db.connect();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});
afterAll(async () => {
  await db?.end();
  await tc.destroy();
});

describe('GET /studies/:id/best formats', () => {
  it('json: the best feasible trial with its metrics, origin and improvement; the summary shows it and the baseline', async () => {
    const id = await studyWith(constrained, constrainedTrials);
    const best = (await tc.http.get(`/studies/${id}/best`)).body;
    expect(best).toEqual({
      number: 3,
      params: { workers: 8, flags: '-O2 -g $X' },
      value: 8,
      metrics: { p99: 8, mem: 80 },
      feasible: true,
      violation: 0,
      improvement: { perMetric: { p99: 0.2 }, score: 0.2 },
    });
    expect((await tc.http.get(`/studies/${id}/best?format=json`)).body).toEqual(best);
    const summary = (await tc.http.get(`/studies/${id}`)).body;
    expect(summary.best).toEqual(best);
    expect(summary.baseline).toEqual({ number: 1, state: 'COMPLETE', params: { workers: 4, flags: '-O2' }, value: 10, metrics: { p99: 10, mem: 50 }, feasible: true });
    expect(summary.objectives).toMatchObject({ kind: 'single', constraints: [{ metric: 'mem', max: 100 }], baseline: { params: { workers: 4, flags: '-O2' } } });
    const listed = (await tc.http.get('/studies?limit=1000')).body.items.find((s: { id: string }) => s.id === id);
    expect(listed.baseline.number).toBe(1);
  });

  it('yaml: the same as the JSON, as application/yaml', async () => {
    const id = await studyWith(constrained, constrainedTrials);
    const res = await getText(`/studies/${id}/best?format=yaml`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/yaml');
    expect(parse(res.text)).toEqual((await tc.http.get(`/studies/${id}/best`)).body);
  });

  it('env: NAME=value lines, names upper-cased in spec order, that a shell reads back to the configuration', async () => {
    const id = await studyWith(constrained, constrainedTrials);
    const res = await getText(`/studies/${id}/best?format=env`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(res.text).toBe(`# attune study ${id}, trial #3\nWORKERS=8\nFLAGS='-O2 -g $X'\n`);
    expect(execFileSync('sh', ['-c', `${res.text}printf '%s|%s' "$WORKERS" "$FLAGS"`], { encoding: 'utf8' })).toBe('8|-O2 -g $X');
  });

  it('?trial=N writes that trial; one an env file cannot hold, or one not completed, is a 400 naming the field', async () => {
    const id = await studyWith(constrained, [...constrainedTrials, { number: 5, state: 'FAILED', params: { workers: 1, flags: '-O2' }, metrics: {} }]);
    expect((await getText(`/studies/${id}/best?format=env&trial=1`)).text).toContain('WORKERS=4\nFLAGS=-O2\n');
    expect((await tc.http.get(`/studies/${id}/best?trial=2`)).body).toMatchObject({ number: 2, feasible: false, violation: 1 });
    const quote = await tc.http.get(`/studies/${id}/best?format=env&trial=4`);
    expect(quote).toMatchObject({ status: 400, body: { error: 'INVALID_ARGUMENT', issues: [{ path: 'format', message: expect.stringContaining('parameter flags is "it\'s"') }] } });
    expect((await getText(`/studies/${id}/best?format=yaml&trial=4`)).text).toContain(`flags: it's`);
    const failed = await tc.http.get(`/studies/${id}/best?trial=5`);
    expect(failed).toMatchObject({ status: 400, body: { issues: [{ path: 'trial', message: expect.stringContaining('is FAILED') }] } });
    expect(await tc.http.get(`/studies/${id}/best?trial=99`)).toMatchObject({ status: 404, body: { message: `study ${id} has no trial 99` } });
  });

  it('answers 404 saying so when every completed trial breaks a constraint', async () => {
    const id = await studyWith(constrained, [constrainedTrials[1]]);
    const res = await tc.http.get(`/studies/${id}/best`);
    expect(res).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', message: expect.stringContaining('has no feasible trial: all 1 completed trials break a constraint') } });
    expect((await tc.http.get(`/studies/${id}`)).body).not.toHaveProperty('best');
  });

  it('names each bad query value', async () => {
    const id = await studyWith(constrained, constrainedTrials);
    const res = await tc.http.get(`/studies/${id}/best?format=toml&trial=-1`);
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['format', 'trial']);
    expect((await tc.http.get(`/studies/${id}/best?trial=two`)).body.issues).toEqual([{ path: 'trial', message: expect.stringContaining('number') }]);
    expect((await tc.http.get(`/studies/${id}/trials/x/measurements`)).body.issues).toEqual([{ path: 'number', message: expect.stringContaining('number') }]);
  });
});

describe('a Pareto study', () => {
  it('json is the front of non-dominated trials; yaml and env of a front are refused, naming its trials, and ?trial=N picks one', async () => {
    const id = await studyWith(pareto, paretoTrials);
    const { front } = (await tc.http.get(`/studies/${id}/best`)).body;
    expect(front.map((t: { number: number }) => t.number).sort()).toEqual([1, 3, 4]);
    expect(front.find((t: { number: number }) => t.number === 3)).toEqual({ number: 3, params: { workers: 3, flags: '-O2' }, metrics: { p99: 5, rps: 50 } });
    for (const format of ['yaml', 'env']) {
      const res = await tc.http.get(`/studies/${id}/best?format=${format}`);
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual([{ path: 'trial', message: expect.stringMatching(/Pareto front of 3 trials \(#\d, #\d, #\d\).*\?trial=N/) }]);
    }
    expect((await getText(`/studies/${id}/best?format=env&trial=3`)).text).toContain('WORKERS=3\n');
    const summary = (await tc.http.get(`/studies/${id}`)).body;
    expect(summary).toMatchObject({ objective: 'pareto front of minimize p99, maximize rps', objectives: { kind: 'pareto' } });
    expect(summary).not.toHaveProperty('best');
  });
});

describe('GET /studies/:id/trials/:number/measurements', () => {
  it("lists a trial's measurements as the worker took them, warm-ups first", async () => {
    const target = `measured-${randomUUID()}`;
    const taken = (p99: number, repeat: number) => ({ repeat, warmup: repeat === 0, metrics: { p99 }, durationMs: 10 + repeat, startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, repeat)).toISOString() });
    workers.push(
      new FakeEvaluationWorker({
        redisUrl: tc.iso.redisUrl,
        queuePrefix: tc.iso.queuePrefix,
        target,
        evaluate: () => ({ metrics: { p99: 7 }, measurements: [taken(50, 0), taken(6, 1), taken(8, 2), taken(7, 3)] }),
      }),
    );
    const spec = studySpec({ target, objective: { metric: 'p99', direction: 'minimize' }, measurement: { repeats: 3, warmup: 1 }, budget: { maxTrials: 1, parallelism: 1 } });
    const id = (await tc.http.post('/studies', spec)).body.id;
    await expectEventually(async () => expect((await tc.http.get(`/studies/${id}`)).body.state).toBe('COMPLETE'));
    const res = await tc.http.get(`/studies/${id}/trials/0/measurements`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items[0]).toEqual({ repeat: 0, warmup: true, metrics: { p99: 50 }, durationMs: 10, workerId: 'fake-worker', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(res.body.items.map((m: { metrics: { p99: number } }) => m.metrics.p99)).toEqual([50, 6, 8, 7]);
    expect((await tc.http.get(`/studies/${id}/best`)).body).toMatchObject({ number: 0, value: 7 });
    expect((await tc.http.get(`/studies/${id}/trials/9/measurements`))).toMatchObject({ status: 404, body: { message: `study ${id} has no trial 9` } });
  });
});
