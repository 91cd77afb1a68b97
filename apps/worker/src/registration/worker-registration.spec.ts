import { isLive, parseWorkerRecords, redisTimeMs, workerRegistryKey } from '@attune/queue/worker-registry';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../../test/support/expect-eventually';
import { QueueFixture } from '../../test-support/queue-fixture';
import { WorkerRegistration } from './worker-registration';

const fx = new QueueFixture();
afterAll(() => fx.dispose());

async function records() {
  const now = redisTimeMs(await fx.redis.time());
  return parseWorkerRecords(await fx.redis.hgetall(workerRegistryKey(fx.prefix))).map((r) => ({ id: r.id, live: isLive(r, now), record: r }));
}

const registration = (workerId: string) =>
  new WorkerRegistration({ redis: fx.redis, prefix: fx.prefix, workerId, targets: ['a', 'b'], concurrency: 3, timing: { heartbeatMs: 100, ttlMs: 400 }, log: () => undefined });

describe('WorkerRegistration', () => {
  it('stays live past its TTL while it beats, and is dead at once when it deregisters', async () => {
    const r = registration('beating');
    await r.start();
    const [first] = await records();
    expect(first.record).toMatchObject({ id: 'beating', pid: process.pid, targets: ['a', 'b'], concurrency: 3 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await records()).toMatchObject([{ id: 'beating', live: true }]);
    await r.stop();
    expect(await records()).toMatchObject([{ id: 'beating', live: false }]);
  });

  it('expires when the worker stops beating without deregistering (a SIGKILL)', async () => {
    const r = registration('killed');
    await r.start();
    // What a killed process leaves: its last record, and no more heartbeats.
    clearInterval((r as unknown as { timer: NodeJS.Timeout }).timer);
    expect((await records()).find((x) => x.id === 'killed')?.live).toBe(true);
    await expectEventually(async () => expect((await records()).find((x) => x.id === 'killed')?.live).toBe(false), { timeoutMs: 3000 });
  });
});
