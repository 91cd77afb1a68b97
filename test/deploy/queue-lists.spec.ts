import { evaluationQueueName } from '@attune/queue/queue-names';
import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../support/expect-eventually';

// The worker ScaledObject reads BullMQ's lists by name: check those names
// against BullMQ itself, with a Redis Cluster hash-tag prefix on a single Redis.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEPLOY_PREFIX = '{attune}';
const prefix = `{t_${randomBytes(5).toString('hex')}}`;
const connection = { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) };
const redis = new Redis(REDIS_URL);

interface Trigger {
  name: string;
  type: string;
  metadata: { listName: string };
}

const scaledObject = parse(fs.readFileSync(path.resolve(__dirname, '../../deploy/worker/scaledobject.yaml'), 'utf8'));
const triggers: Trigger[] = scaledObject.spec.triggers;
/** The list a trigger of the manifest reads, moved to this test's prefix. */
const listOf = (name: string) => {
  const t = triggers.find((x) => x.name === name);
  if (!t?.metadata.listName.startsWith(`${DEPLOY_PREFIX}:`)) throw new Error(`no trigger ${name} on the ${DEPLOY_PREFIX} prefix`);
  return prefix + t.metadata.listName.slice(DEPLOY_PREFIX.length);
};

afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
});

describe('the lists the worker ScaledObject scales on', () => {
  it('hold the waiting, then the running, evaluation jobs of a target, all in one hash slot', async () => {
    const queue = new Queue(evaluationQueueName('branin'), { connection, prefix });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let worker: Worker | undefined;
    try {
      await queue.add('evaluate-trial', {}, { jobId: 'trial-1' });
      await queue.add('evaluate-trial', {}, { jobId: 'trial-2' });
      expect(await redis.llen(listOf('branin_wait'))).toBe(2);
      expect(await redis.llen(listOf('branin_active'))).toBe(0);

      worker = new Worker(evaluationQueueName('branin'), () => held, { connection, prefix, concurrency: 1 });
      await expectEventually(async () => {
        expect([await redis.llen(listOf('branin_wait')), await redis.llen(listOf('branin_active'))]).toEqual([1, 1]);
      });
      release();
      await expectEventually(async () => {
        expect([await redis.llen(listOf('branin_wait')), await redis.llen(listOf('branin_active'))]).toEqual([0, 0]);
      });

      // Redis Cluster runs a script only on keys of one slot; a key's slot is that of the first {tag} in it.
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThan(3);
      expect(keys.filter((k) => !k.startsWith(`${prefix}:`))).toEqual([]);
    } finally {
      release();
      await worker?.close();
      await queue.close();
    }
  });
});
