import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../../apps/worker/src/main';
import { expectEventually } from '../support/expect-eventually';
import { studySpec, testCoordinator } from '../support/test-coordinator';

// The prefix a Redis Cluster needs: a hash tag, `{t_<random>}`, on the single local Redis.
const tc = testCoordinator({}, { hashTagPrefix: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-hashtag-'));
let worker: WorkerHandle | undefined;
let redis: Redis;

async function keysUnderPrefix(prefix = tc.iso.queuePrefix): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

beforeAll(async () => {
  await tc.start();
  redis = new Redis(tc.iso.redisUrl);
  const objectives = path.resolve(__dirname, '..', '..', 'examples', 'targets', 'objectives.mjs');
  const targetsFile = path.join(dir, 'targets.json');
  fs.writeFileSync(targetsFile, JSON.stringify({ targets: [{ name: 'tagged', type: 'module', module: objectives, export: 'metrics' }] }));
  const env = { PATH: process.env.PATH, REDIS_URL: tc.iso.redisUrl, ATTUNE_QUEUE_PREFIX: tc.iso.queuePrefix, ATTUNE_WORKER_ID: 'hash-tag-worker' };
  worker = await startWorker({ targetsFile, concurrency: 2, env, log: () => undefined });
});
afterAll(async () => {
  await worker?.close();
  await tc.destroy();
  redis?.disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a queue prefix written as a Redis Cluster hash tag', () => {
  it('runs a whole study through a real worker, every key under the tagged prefix', async () => {
    expect(tc.iso.queuePrefix).toMatch(/^\{t_[0-9a-f]+\}$/);
    expect(worker?.config.queuePrefix).toBe(tc.iso.queuePrefix);
    const created = await tc.http.post('/studies', studySpec({ target: 'tagged', budget: { maxTrials: 8, parallelism: 2 } }));
    expect(created.status).toBe(201);
    const summary = await expectEventually(async () => {
      const res = await tc.http.get(`/studies/${created.body.id}`);
      expect(res.body.state).toBe('COMPLETE');
      return res.body;
    }, { timeoutMs: 30_000 });
    expect(summary.trials).toMatchObject({ complete: 8, failed: 0 });
    const trials = (await tc.http.get(`/studies/${created.body.id}/trials`)).body.items as { params: { x: number }; value: number }[];
    for (const t of trials) expect(t.value).toBeCloseTo(t.params.x * 2, 9);
    const keys = await keysUnderPrefix();
    expect(keys).toEqual(expect.arrayContaining([`${tc.iso.queuePrefix}:eval.tagged:meta`, `${tc.iso.queuePrefix}:results:meta`]));
    // Nothing escaped the tag: every key starts with the same `{...}`, so on a cluster all of them share one slot.
    expect(await keysUnderPrefix(tc.iso.queuePrefix.slice(1, -1))).toEqual([]);
  });

  it('is cleaned up by the test isolation: SCAN MATCH takes the braces literally', async () => {
    await worker?.close();
    worker = undefined;
    await tc.destroy();
    expect(await keysUnderPrefix()).toEqual([]);
  });
});
