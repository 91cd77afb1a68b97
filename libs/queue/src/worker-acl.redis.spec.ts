import { randomBytes } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelTrialChannel } from './cancel-trial.message';
import { jobToAdd } from './job-contracts';
import { evaluationQueueName, RESULTS_QUEUE, STEPS_QUEUE } from './queue-names';
import { redisConnection } from './redis-connection';
import { workerAclUser } from './worker-acl';
import { workerRegistryKey } from './worker-registry';

// The machine's Redis (TEST_REDIS_URL to point elsewhere), isolated by a random prefix and a random ACL user, both removed after.
const BASE_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const id = randomBytes(5).toString('hex');
const prefix = `t_${id}`;
const otherPrefix = `t_${id}_other`;
const username = `attune-test-${id}`;
const password = randomBytes(18).toString('base64url');
const queue = evaluationQueueName('branin');

/** REDIS_URL of the worker pool's user. */
function userUrl(): string {
  const u = new URL(BASE_URL);
  u.username = username;
  u.password = password;
  return u.toString();
}

const admin = new Redis(BASE_URL, { maxRetriesPerRequest: null });
let user: Redis;
let worker: Worker | undefined;
let producer: Queue;
let otherProducer: Queue;

beforeAll(async () => {
  await admin.call('ACL', 'SETUSER', ...workerAclUser(username, prefix, { password }).args);
  user = new Redis({ ...redisConnection(userUrl()), maxRetriesPerRequest: null });
  // The coordinator's side, as the default user.
  producer = new Queue(queue, { connection: admin, prefix });
  otherProducer = new Queue(queue, { connection: admin, prefix: otherPrefix });
});

afterAll(async () => {
  await worker?.close();
  await Promise.all([producer?.close(), otherProducer?.close()]);
  user?.disconnect();
  await admin.call('ACL', 'DELUSER', username);
  for (const p of [prefix, otherPrefix]) {
    const keys = await admin.keys(`${p}:*`);
    if (keys.length > 0) await admin.del(...keys);
  }
  await admin.quit();
});

/** What Redis refused this test's user, from ACL LOG (reason, object), oldest first. */
async function denials(): Promise<string[]> {
  const entries = (await admin.call('ACL', 'LOG', '128')) as unknown[][];
  const out: string[] = [];
  for (const entry of entries) {
    const e: Record<string, unknown> = {};
    for (let i = 0; i < entry.length; i += 2) e[String(entry[i])] = entry[i + 1];
    if (e.username === username) out.push(`${String(e.reason)} ${String(e.object)}`);
  }
  return out.reverse();
}

async function refusal(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'allowed',
    (e: Error) => e.message,
  );
}

describe('a worker pool as its own Redis ACL user (real Redis)', () => {
  it('lets a BullMQ Worker connecting as the user process jobs on its prefix, retries and delays included, and post results and steps, with nothing refused', async () => {
    const results = new Queue(RESULTS_QUEUE, { connection: user, prefix });
    const steps = new Queue(STEPS_QUEUE, { connection: user, prefix });
    const stepsJob = (trialId: string) =>
      jobToAdd('trial-steps', { studyId: trialId, trialId, target: 'branin', workerId: 'w', steps: [{ step: 0, metrics: { value: 1 }, at: new Date().toISOString() }] });
    const done: string[] = [];
    worker = new Worker(
      queue,
      async (job: Job<{ fail?: boolean }>) => {
        if (job.data.fail && job.attemptsMade === 0) throw new Error('first attempt fails');
        const posted = stepsJob(`00000000-0000-4000-8000-00000000000${String(job.id).slice(-1)}`);
        await steps.add(posted.name, posted.data, posted.opts);
        await results.add('trial-result', { trialId: job.id }, { jobId: job.id });
        done.push(job.id as string);
        return { ok: true };
      },
      { connection: user, prefix, concurrency: 2 },
    );
    const errors: Error[] = [];
    worker.on('error', (e) => errors.push(e));
    await worker.waitUntilReady();
    await producer.add('evaluate-trial', {}, { jobId: 'job-1' });
    await producer.add('evaluate-trial', { fail: true }, { jobId: 'job-2', attempts: 2, backoff: { type: 'fixed', delay: 100 } });
    await producer.add('evaluate-trial', {}, { jobId: 'job-3', delay: 200 });
    await producer.add('evaluate-trial', {}, { jobId: 'job-4', priority: 2 });
    await expect.poll(() => done.sort(), { timeout: 10_000 }).toEqual(['job-1', 'job-2', 'job-3', 'job-4']);
    await expect.poll(() => producer.getJobState('job-2')).toBe('completed');
    expect(await new Queue(RESULTS_QUEUE, { connection: admin, prefix }).getJobCounts('waiting')).toEqual({ waiting: 4 });
    expect(await new Queue(STEPS_QUEUE, { connection: admin, prefix }).getJobCounts('waiting')).toEqual({ waiting: 4 });
    await Promise.all([results.close(), steps.close()]);
    expect(errors).toEqual([]);
    expect(await denials()).toEqual([]);
  });

  it('lets the user keep the worker registry and hear cancellations under its prefix', async () => {
    await user.hset(workerRegistryKey(prefix), 'w-1', '{}');
    expect(await user.hgetall(workerRegistryKey(prefix))).toEqual({ 'w-1': '{}' });
    await user.hdel(workerRegistryKey(prefix), 'w-1');
    expect((await user.time()).length).toBe(2);
    const subscriber = user.duplicate();
    try {
      const heard = new Promise<string>((resolve) => subscriber.on('message', (_channel, message: string) => resolve(message)));
      await subscriber.subscribe(cancelTrialChannel(prefix));
      await admin.publish(cancelTrialChannel(prefix), 'stop');
      expect(await heard).toBe('stop');
    } finally {
      subscriber.disconnect();
    }
    expect(await denials()).toEqual([]);
  });

  it('refuses the user every key outside its prefix, read or write, in a script too', async () => {
    await admin.set(`${otherPrefix}:secret`, 'x');
    expect(await refusal(user.get(`${otherPrefix}:secret`))).toMatch(/^NOPERM/);
    expect(await refusal(user.set('unprefixed', 'x'))).toMatch(/^NOPERM/);
    expect(await refusal(user.set(`${prefix}x:key`, 'x'))).toMatch(/^NOPERM/);
    expect(await refusal(user.del(`${otherPrefix}:secret`))).toMatch(/^NOPERM/);
    // A script declaring a key of its own prefix still cannot reach another one.
    expect(await refusal(user.eval(`return redis.call('GET', '${otherPrefix}:secret')`, 1, `${prefix}:k`))).toMatch(/NOPERM|can't access at least one of the keys/);
    expect(await admin.exists('unprefixed', `${prefix}x:key`)).toBe(0);
    expect(await admin.get(`${otherPrefix}:secret`)).toBe('x');
  });

  it("refuses the user another prefix's queue: neither taking its jobs nor adding to it", async () => {
    await otherProducer.add('evaluate-trial', {}, { jobId: 'not-yours' });
    const intruder = new Queue(queue, { connection: user, prefix: otherPrefix });
    intruder.on('error', () => undefined);
    expect(await refusal(intruder.add('evaluate-trial', {}, { jobId: 'injected' }))).toMatch(/NOPERM|can't access at least one of the keys/);
    expect(await refusal(intruder.getJob('not-yours'))).toMatch(/NOPERM|can't access at least one of the keys/);
    await intruder.close();
    expect(await otherProducer.getJobState('not-yours')).toBe('waiting');
    expect(await otherProducer.getJob('injected')).toBeUndefined();
  });

  it('refuses the user the keyless commands that would show or change the whole server', async () => {
    for (const command of [['KEYS', '*'], ['SCAN', '0'], ['RANDOMKEY'], ['FLUSHDB'], ['CONFIG', 'GET', 'maxmemory'], ['CLIENT', 'LIST'], ['ACL', 'LIST'], ['SCRIPT', 'FLUSH'], ['PUBLISH', cancelTrialChannel(prefix), 'x']]) {
      expect(await refusal(user.call(command[0], ...command.slice(1))), command.join(' ')).toMatch(/^NOPERM/);
    }
    const subscriber = user.duplicate();
    subscriber.on('error', () => undefined);
    try {
      expect(await refusal(subscriber.subscribe(cancelTrialChannel(otherPrefix)))).toMatch(/^NOPERM/);
    } finally {
      subscriber.disconnect();
    }
  });
});
