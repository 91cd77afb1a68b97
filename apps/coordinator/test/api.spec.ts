import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studySpec, testCoordinator } from './test-coordinator';

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
