import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../apps/cli/test/run-cli';
import { startWorker, type WorkerHandle } from '../../apps/worker/src/main';
import { expectEventually } from '../support/expect-eventually';
import { studySpec, testCoordinator } from '../support/test-coordinator';

// A trial waits at most a second in QUEUED while no live worker serves its target.
const tc = testCoordinator({ ATTUNE_QUEUED_TIMEOUT_SEC: '1' });
const targetsFile = path.resolve(__dirname, '..', '..', 'apps', 'worker', 'test-support', 'registry-targets.json');
let worker: WorkerHandle | undefined;

beforeAll(() => tc.start());
afterAll(async () => {
  await worker?.close();
  await tc.destroy();
});

const startTestWorker = () =>
  startWorker({
    targetsFile,
    concurrency: 2,
    env: { PATH: process.env.PATH, REDIS_URL: tc.iso.redisUrl, ATTUNE_QUEUE_PREFIX: tc.iso.queuePrefix, ATTUNE_WORKER_ID: 'registry-worker' },
    // A long TTL: the record must go because the worker deregisters, not because it expired.
    registration: { heartbeatMs: 200, ttlMs: 60_000 },
    log: () => undefined,
  });

async function trials(id: string) {
  return (await tc.http.get(`/studies/${id}/trials?limit=1000`)).body.items as { state: string; error?: string; workerId?: string }[];
}

describe('the worker registry', () => {
  it('with no worker at all: warns on submit and in GET /studies/:id, then fails the QUEUED trials naming the target', async () => {
    expect((await tc.http.get('/workers')).body).toEqual({ items: [], total: 0 });
    const created = await tc.http.post('/studies', studySpec({ target: 'slow', budget: { maxTrials: 2, parallelism: 2 } }));
    expect(created.status).toBe(201);
    const warning = `no live worker serves target "slow": no worker is registered under queue prefix "${tc.iso.queuePrefix}"`;
    expect(created.body.warnings).toEqual([expect.stringContaining(warning)]);
    expect((await tc.http.get(`/studies/${created.body.id}`)).body.warnings).toEqual(created.body.warnings);
    await expectEventually(async () => expect((await tc.http.get(`/studies/${created.body.id}`)).body.state).not.toBe('RUNNING'), { timeoutMs: 15_000 });
    const failed = await trials(created.body.id);
    expect(failed.map((t) => t.state)).toEqual(['FAILED', 'FAILED']);
    expect(failed[0].error).toBe(`waited in QUEUED for more than ATTUNE_QUEUED_TIMEOUT_SEC (1 s): ${warning} (start one with \`attune worker --targets FILE\`, with the same ATTUNE_QUEUE_PREFIX)`);
    expect((await tc.http.get(`/studies/${created.body.id}`)).body.warnings).toEqual([]);
  });

  it('lists a live worker in GET /workers and `attune workers`, shows it on running trials, and forgets it on close', async () => {
    worker = await startTestWorker();
    // The coordinator reads the registry at most once a second.
    await expectEventually(async () => expect((await tc.http.get('/workers')).body).toMatchObject({ total: 1, items: [{ id: 'registry-worker', pid: process.pid, targets: ['slow'], concurrency: 2, version: expect.any(String) }] }));
    expect((await cli(['workers', '--url', tc.http.baseUrl])).stdout).toMatch(/registry-worker\s+slow\s+2\s/);

    const miscased = await tc.http.post('/studies', studySpec({ target: 'Slow', budget: { maxTrials: 1 } }));
    expect(miscased.body.warnings).toEqual([expect.stringContaining('no live worker serves target "Slow"; did you mean "slow"?')]);
    await tc.http.post(`/studies/${miscased.body.id}/stop`, {});

    const served = await tc.http.post('/studies', studySpec({ target: 'slow', parameters: [{ name: 'x', type: 'float', min: 1, max: 2 }], budget: { maxTrials: 2, parallelism: 1 } }));
    expect(served.body.warnings).toEqual([]);
    // A RUNNING trial names the worker that took its job (the row learns it only with the result).
    await expectEventually(async () => expect((await trials(served.body.id)).find((t) => t.state === 'RUNNING')?.workerId).toBe('registry-worker'), { timeoutMs: 15_000, intervalMs: 20 });
    await expectEventually(async () => expect((await tc.http.get(`/studies/${served.body.id}`)).body.state).toBe('COMPLETE'), { timeoutMs: 15_000 });

    await worker.close();
    worker = undefined;
    await expectEventually(async () => expect((await tc.http.get('/workers')).body).toEqual({ items: [], total: 0 }), { timeoutMs: 5000 });
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await tc.http.get('/docs-json')).body;
    expect(doc.paths['/workers'].get.responses['200'].content['application/json'].schema.properties.items.items.required).toContain('heartbeatAt');
    expect(doc.paths['/studies'].post.responses['201'].content['application/json'].schema.required).toContain('warnings');
  });
});
