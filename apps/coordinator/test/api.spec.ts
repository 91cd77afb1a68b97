import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';

const tc = testCoordinator();

beforeAll(() => tc.start());
afterAll(() => tc.destroy());

describe('coordinator REST API', () => {
  it('reports health of PostgreSQL and Redis', async () => {
    const res = await tc.http.get('/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } } });
  });

  it('creates a study and returns its summary', async () => {
    const res = await tc.http.post('/studies', studySpec({ name: 'created' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'created',
      target: 'quadratic',
      state: 'RUNNING',
      direction: 'minimize',
      metric: 'value',
      strategy: { name: 'random', seed: 7, options: { maxRedraws: 32 } },
      budget: { maxTrials: 12, parallelism: 3, trialTimeoutSec: 600 },
      trials: { total: expect.any(Number) },
    });
    expect(res.body).not.toHaveProperty('best');
  });
});

describe('validation', () => {
  it('answers 400 INVALID_SPEC naming every bad field, and stores nothing', async () => {
    const before = (await tc.http.get('/studies')).body.total;
    const res = await tc.http.post('/studies', studySpec({ budget: { maxTrials: 10, parallelism: 0 }, colour: 'red' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'INVALID_SPEC' });
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'budget.parallelism', message: expect.stringContaining('at least 1') },
        { path: 'colour', message: 'is not a known field' },
      ]),
    );
    const rule = await tc.http.post('/studies', studySpec({ parameters: [{ name: 'x', type: 'float', min: 5, max: 1 }] }));
    expect(rule.body).toMatchObject({
      statusCode: 400,
      error: 'INVALID_SPEC',
      message: 'parameters[0].max: must be above min (5), got 1',
      issues: [{ path: 'parameters[0].max', message: 'must be above min (5), got 1' }],
    });
    expect((await tc.http.get('/studies')).body.total).toBe(before);
  });

  it('rejects an unknown strategy and unknown strategy options', async () => {
    const unknown = await tc.http.post('/studies', studySpec({ strategy: { name: 'magic' } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: 'strategy.name', message: expect.stringContaining('unknown strategy "magic"') }]);
    const option = await tc.http.post('/studies', studySpec({ strategy: { name: 'random', options: { speed: 3 } } }));
    expect(option.status).toBe(400);
    expect(option.body.issues).toEqual([{ path: 'strategy.options.speed', message: 'is not a known option' }]);
  });

  it('answers 400, never 500, for NUL, unpaired surrogates, control characters and reserved names', async () => {
    const before = (await tc.http.get('/studies')).body.total;
    const cases = [
      [{ name: 'nul\u0000name' }, 'name'],
      [{ name: 'half \ud83d' }, 'name'],
      [{ name: '\u001b[2Jfake' }, 'name'],
      [{ description: 'a\u0000b' }, 'description'],
      [{ parameters: [{ name: '__proto__', type: 'float', min: 0, max: 1 }] }, 'parameters[0].name'],
      [{ parameters: [{ name: 'x', type: 'categorical', values: ['\udc00'] }] }, 'parameters[0].values[0]'],
    ] as const;
    for (const [override, path] of cases) {
      const res = await tc.http.post('/studies', studySpec(override));
      expect(res.status, path).toBe(400);
      expect(res.body.issues, path).toEqual([{ path, message: expect.any(String) }]);
    }
    expect((await tc.http.get('/studies')).body.total).toBe(before);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await fetch(`${tc.http.baseUrl}/studies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: 400, error: 'BAD_REQUEST' });
  });

  it('names the bad id and query parameters', async () => {
    expect(await tc.http.get('/studies/not-a-uuid')).toMatchObject({
      status: 400,
      body: { error: 'INVALID_ARGUMENT', message: 'id: must be a UUID', issues: [{ path: 'id', message: 'must be a UUID' }] },
    });
    const res = await tc.http.get('/studies?state=DONE&limit=5000&offset=-1');
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['limit', 'offset', 'state']);
    expect(res.body.message).toContain('limit: must be at most 1000');
    const trials = await tc.http.get('/studies/00000000-0000-4000-8000-000000000000/trials?state=BOGUS');
    expect(trials.body.issues).toEqual([{ path: 'state', message: expect.stringContaining('must be one of "QUEUED"') }]);
  });

  it('answers 404 NOT_FOUND for a study that does not exist', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const path of [`/studies/${id}`, `/studies/${id}/trials`, `/studies/${id}/best`]) {
      expect(await tc.http.get(path)).toMatchObject({ status: 404, body: { statusCode: 404, error: 'NOT_FOUND', message: `study ${id} does not exist` } });
    }
    expect((await tc.http.post(`/studies/${id}/stop`)).status).toBe(404);
    expect((await tc.http.get('/no-such-route')).body).toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });
  });
});

describe('listing and docs', () => {
  it('lists studies newest first with a total, filtered by state', async () => {
    const res = await tc.http.get('/studies?limit=1');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].name).toBe('created');
    expect(res.body.total).toBeGreaterThanOrEqual(1);
    expect((await tc.http.get('/studies?state=COMPLETE&state=')).status).toBe(400);
    expect((await tc.http.get('/studies?state=')).status).toBe(200);
  });

  it('serves OpenAPI with the study spec JSON schema as the request body', async () => {
    const ui = await fetch(`${tc.http.baseUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const res = await tc.http.get('/docs-json');
    expect(res.status).toBe(200);
    const body = res.body.paths['/studies'].post.requestBody.content['application/json'].schema;
    // `objective` is not required: a Pareto study gives `objectives` instead.
    expect(body.required).toEqual(expect.arrayContaining(['name', 'target', 'parameters', 'strategy', 'budget']));
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['objective', 'objectives', 'constraints', 'baseline', 'measurement']));
    expect(body.properties.budget.properties.parallelism).toMatchObject({ type: 'integer', default: 1 });
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/studies/{id}', '/studies/{id}/trials', '/studies/{id}/trials/{number}/measurements', '/studies/{id}/best', '/studies/{id}/stop', '/health']),
    );
    const best = res.body.paths['/studies/{id}/best'].get;
    expect(best.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'format', 'trial']));
    // The steps: a trial's, and the learning curves, a page of trials with a bounded limit.
    const steps = res.body.paths['/studies/{id}/trials/{number}/steps'].get;
    expect(Object.keys(steps.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(steps.responses['200'].content['application/json'].schema.properties.items.items.required).toEqual(['step', 'metrics', 'at']);
    const curves = res.body.paths['/studies/{id}/steps'].get;
    expect(curves.parameters.find((p: { name: string }) => p.name === 'limit').schema).toMatchObject({ maximum: 200, default: 50 });
    expect(curves.responses['200'].content['application/json'].schema.properties.items.items.required).toEqual(['number', 'state', 'steps', 'values']);
  });
});
