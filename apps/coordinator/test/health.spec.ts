import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCoordinator } from '../../../test/support/test-coordinator';

// Nothing listens on port 1: Redis is "down" for this coordinator.
const tc = testCoordinator({ REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'error' });

beforeAll(() => tc.start());
afterAll(() => tc.destroy());

describe('health with Redis down', () => {
  it('starts anyway and answers 503 naming Redis as down, PostgreSQL as up', async () => {
    const res = await tc.http.get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { redis: { status: 'down', message: expect.any(String) } },
    });
  });

  it('reports the process itself beside them: event-loop delay and memory', async () => {
    const res = await tc.http.get('/health');
    expect(res.body.info).toMatchObject({
      eventLoop: { status: 'up', windowSec: expect.any(Number), delayP50Ms: expect.any(Number), delayP99Ms: expect.any(Number), delayMaxMs: expect.any(Number) },
      memory: { status: 'up', rssBytes: expect.any(Number), heapUsedBytes: expect.any(Number) },
    });
    expect(res.body.info.memory.rssBytes).toBeGreaterThan(0);
  });

  it('still serves what only needs PostgreSQL', async () => {
    expect(await tc.http.get('/studies')).toMatchObject({ status: 200, body: { items: [], total: 0 } });
  });
});
