import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedEnv } from '../../../test/support/isolated-env';
import { testCoordinator } from '../../../test/support/test-coordinator';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcp-proxy';

// The coordinator reaches Redis through a proxy that the test cuts once it has started:
// Redis lost after start (at start, the coordinator would refuse to start).
// Only its Redis URL (TEST_REDIS_URL or the default): this isolation creates nothing.
const redis = new URL(createIsolatedEnv().redisUrl);
let proxy: TcpProxy;
let tc: ReturnType<typeof testCoordinator>;

beforeAll(async () => {
  proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
  tc = testCoordinator({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, LOG_LEVEL: 'error' });
  await tc.start();
  await proxy.cut();
});
afterAll(() => tc.destroy());

describe('health with Redis down', () => {
  it('stays up and answers 503 naming Redis as down, PostgreSQL as up', async () => {
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
