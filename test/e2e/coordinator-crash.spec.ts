import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune } from '../support/attune-processes';
import { expectEventually } from '../support/expect-eventually';
import { RESULTS_QUEUE } from '@attune/queue/queue-names';
import { E2eStack } from './e2e-stack';

describe('a coordinator killed in the middle of a study', () => {
  const stack = new E2eStack();

  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('loses no result and counts none twice once it is back', async () => {
    const spec = {
      name: 'e2e-crash',
      target: 'slow',
      parameters: [
        { name: 'x', type: 'float', min: 0, max: 1 },
        { name: 'y', type: 'float', min: 0, max: 1 },
      ],
      objective: { direction: 'minimize' },
      strategy: { name: 'tpe', seed: 5 },
      budget: { maxTrials: 24, parallelism: 4, trialTimeoutSec: 60 },
    };
    const submit = await runAttune(['study', 'run', stack.writeSpec('crash', spec), '--url', stack.url], stack.env);
    expect(submit.code, submit.stderr).toBe(0);
    const id = submit.stdout.trim();

    const complete = async () =>
      Number((await stack.sql<{ n: string }>(`SELECT count(*) AS n FROM trials WHERE study_id = $1 AND state = 'COMPLETE'`, [id]))[0].n);
    await expectEventually(async () => expect(await complete()).toBeGreaterThanOrEqual(4), { timeoutMs: 60_000 });

    await stack.coordinator.kill();
    const atCrash = await complete();
    // The trials in flight finish on the workers while no coordinator listens: their results wait in Redis.
    const redis = new Redis(stack.isolation.redisUrl, { maxRetriesPerRequest: null });
    const results = new Queue(RESULTS_QUEUE, { connection: redis, prefix: stack.isolation.queuePrefix });
    try {
      await expectEventually(async () => expect(await results.getWaitingCount()).toBeGreaterThan(0), { timeoutMs: 30_000 });
    } finally {
      await results.close();
      redis.disconnect();
    }
    expect(await complete()).toBe(atCrash);

    await stack.startCoordinator();
    await expectEventually(
      async () => {
        const [study] = await stack.sql<{ state: string }>('SELECT state FROM studies WHERE id = $1', [id]);
        expect(study.state).toBe('COMPLETE');
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    const rows = await stack.sql<{ number: number; state: string; value: number }>(
      'SELECT number, state, value FROM trials WHERE study_id = $1 ORDER BY number',
      [id],
    );
    expect(rows.map((r) => r.number)).toEqual([...Array(24).keys()]);
    expect(rows.every((r) => r.state === 'COMPLETE' && Number.isFinite(r.value))).toBe(true);
    expect(await complete()).toBe(24);
  }, 300_000);
});
