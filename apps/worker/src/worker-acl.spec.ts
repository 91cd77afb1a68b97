import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationQueueName } from '@attune/queue/queue-names';
import { workerAclUser } from '@attune/queue/worker-acl';
import { workerRegistryKey } from '@attune/queue/worker-registry';
import { QueueFixture } from '../test-support/queue-fixture';
import { startWorker, type WorkerHandle } from './main';

const objectives = path.resolve(__dirname, '..', '..', '..', 'examples', 'targets', 'objectives.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-acl-'));
const fx = new QueueFixture();
// Unique per run: CI shares the machine's Redis, and ACL users are server-wide.
const user = `attune-test-pool-${randomBytes(4).toString('hex')}`;
const password = randomBytes(16).toString('hex');
const asPool = `redis://${user}:${password}@127.0.0.1:6379`;
const logs: string[] = [];
let worker: WorkerHandle;
let pool: Redis;

beforeAll(async () => {
  await fx.redis.call('ACL', 'SETUSER', ...workerAclUser(user, fx.prefix, { password }).args);
  const targets = path.join(dir, 'targets.yaml');
  fs.writeFileSync(targets, `targets:\n  - {name: sum, type: module, module: ${objectives}, export: sum}\n  - {name: reports, type: module, module: ${objectives}, export: reportsSomeWrongly}\n`);
  worker = await startWorker({ targetsFile: targets, concurrency: 1, env: { PATH: process.env.PATH, REDIS_URL: asPool, ATTUNE_QUEUE_PREFIX: fx.prefix, ATTUNE_WORKER_ID: 'acl-worker' }, log: (m) => logs.push(m) });
  pool = new Redis(asPool, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  await worker?.close();
  pool?.disconnect();
  await fx.redis.call('ACL', 'DELUSER', user);
  await fx.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a real worker as its pool's Redis ACL user", () => {
  it('runs a real worker: it registers, takes a job of its prefix and posts its steps and the result', async () => {
    expect(await fx.redis.hexists(workerRegistryKey(fx.prefix), 'acl-worker')).toBe(1);
    const job = fx.payload('sum');
    await fx.enqueue('sum', job);
    expect(await fx.result(job.trialId)).toMatchObject({ trialId: job.trialId, outcome: 'COMPLETE', metrics: { value: 5 }, workerId: 'acl-worker' });
    // It posts a running trial's steps to the steps queue as well.
    const reporting = fx.payload('reports');
    await fx.enqueue('reports', reporting);
    expect(await fx.result(reporting.trialId)).toMatchObject({ outcome: 'COMPLETE', metrics: { value: 2 } });
    expect((await fx.stepsOf(reporting.trialId)).map((s) => s.step)).toEqual([0, 3]);
    // Nothing it does in the background (stalled-job checks, heartbeats, the cancellation channel) is refused either.
    await worker.close();
    expect(logs.filter((l) => /NOPERM|permission/i.test(l))).toEqual([]);
  });

  it('is refused by Redis outside its prefix: other keys, another deployment\'s queues and channels, administration', async () => {
    expect(await pool.set(`${fx.prefix}:own`, '1')).toBe('OK');
    await expect(pool.get('some-app:session')).rejects.toThrow(/^NOPERM .*keys/);
    await expect(pool.set(`x${fx.prefix}:evaluate`, '1')).rejects.toThrow(/^NOPERM/);
    const foreign = new Queue(evaluationQueueName('sum'), { connection: pool, prefix: `${fx.prefix}-other` });
    await expect(foreign.add('evaluate-trial', fx.payload('sum'))).rejects.toThrow(/NOPERM/);
    await foreign.close();
    await expect(pool.publish('other:cancel-trial', '{}')).rejects.toThrow(/^NOPERM/);
    for (const command of [['KEYS', '*'], ['FLUSHALL'], ['CONFIG', 'GET', 'requirepass'], ['ACL', 'LIST'], ['CLIENT', 'KILL', 'ID', '1']]) await expect(pool.call(command[0], ...command.slice(1))).rejects.toThrow(/^NOPERM/);
  });
});
