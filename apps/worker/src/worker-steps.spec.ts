import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelTrialChannel, encodeCancelTrial } from '@attune/queue/cancel-trial.message';
import { expectEventually } from '../../../test/support/expect-eventually';
import { isGroupGone } from '../test-support/is-group-gone';
import { QueueFixture, REDIS_URL } from '../test-support/queue-fixture';
import { startWorker, type WorkerHandle } from './main';

// Issue 13: from the cancel message to the evaluation's processes gone.
const CANCEL_BOUND_MS = 1000;
const examples = path.resolve(__dirname, '..', '..', '..', 'examples', 'targets');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-steps-'));
const fx = new QueueFixture();
let worker: WorkerHandle;

beforeAll(async () => {
  const objectives = path.join(examples, 'objectives.mjs');
  const command = (name: string, env: Record<string, string>) => ({ name, type: 'command', command: [process.execPath, 'steps.mjs'], cwd: examples, env });
  const targets = [
    command('steps', { STEPS: '3', SLEEP_MS: '400' }),
    command('stepsForever', { FOREVER: '1', SLEEP_MS: '20', PID_FILE: path.join(dir, 'forever.pid'), IGNORE_SIGTERM: '1' }),
    ...['reportsForever', 'sum'].map((name) => ({ name, type: 'module', module: objectives, export: name })),
  ];
  const file = path.join(dir, 'targets.json');
  fs.writeFileSync(file, JSON.stringify({ targets }));
  const env = { PATH: process.env.PATH, REDIS_URL, ATTUNE_QUEUE_PREFIX: fx.prefix, ATTUNE_WORKER_ID: 'steps-worker' };
  worker = await startWorker({ targetsFile: file, concurrency: 1, env, log: () => undefined });
});

afterAll(async () => {
  await worker?.close();
  await fx.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Publishes the coordinator's cancellation of `trialId`; resolves with the time it was sent. */
async function cancel(target: string, trialId: string): Promise<number> {
  const sentAt = Date.now();
  await fx.redis.publish(cancelTrialChannel(fx.prefix), encodeCancelTrial({ target, trialIds: [trialId], reason: 'pruned at step 3' }));
  return sentAt;
}

/** Waits until group `pgid` is gone; returns how long after `since` that was. */
async function goneAfter(pgid: number, since: number): Promise<number> {
  await expectEventually(() => expect(isGroupGone(pgid)).toBe(true), { timeoutMs: 3000, intervalMs: 5 });
  return Date.now() - since;
}

/** The cancelled job ends as `{cancelled}`, no result is posted, and the worker evaluates its next trial. */
async function expectCancelledAndNextTaken(target: string, trialId: string): Promise<void> {
  await expectEventually(async () => expect(await fx.queue(target).getJobState(trialId)).toBe('completed'));
  expect((await fx.queue(target).getJob(trialId))?.returnvalue).toEqual({ cancelled: 'pruned at step 3' });
  expect(await fx.results.getJob(trialId)).toBeUndefined();
  const next = fx.payload('sum');
  await fx.enqueue('sum', next);
  expect(await fx.result(next.trialId)).toMatchObject({ outcome: 'COMPLETE', metrics: { value: 5 } });
}

describe('a worker evaluating targets that report steps (real Redis, real processes)', () => {
  it('posts a command\'s steps to the steps queue while it runs, all of them before its result', async () => {
    const job = fx.payload('steps', { metric: 'loss' });
    await fx.enqueue('steps', job);
    const first = await expectEventually(async () => {
      const steps = await fx.stepsOf(job.trialId);
      expect(steps.length).toBeGreaterThan(0);
      return steps;
    }, { intervalMs: 20 });
    expect(first[0]).toMatchObject({ step: 0, metrics: { loss: 1 } });
    expect(await fx.results.getJob(job.trialId)).toBeUndefined();
    expect(await fx.result(job.trialId)).toMatchObject({ outcome: 'COMPLETE', metrics: { loss: 0.01, value: 42 } });
    expect((await fx.stepsOf(job.trialId)).map((s) => [s.step, s.metrics.loss])).toEqual([[0, 1], [1, 1 / 2], [2, 1 / 3]]);
    const stepJobs = (await fx.steps.getJobs(['waiting'])).filter((j) => j.data.trialId === job.trialId);
    const result = await fx.results.getJob(job.trialId);
    expect(Math.max(...stepJobs.map((j) => j.timestamp))).toBeLessThanOrEqual(result!.timestamp);
  });

  it(`cancelled, a command printing steps forever and ignoring SIGTERM has its process group gone within ${CANCEL_BOUND_MS} ms`, async () => {
    const job = fx.payload('stepsForever', { metric: 'loss', timeoutSec: 600 });
    await fx.enqueue('stepsForever', job);
    await expectEventually(async () => expect((await fx.stepsOf(job.trialId)).length).toBeGreaterThan(2));
    const pgid = Number(fs.readFileSync(path.join(dir, 'forever.pid'), 'utf8'));
    const elapsed = await goneAfter(pgid, await cancel('stepsForever', job.trialId));
    expect(elapsed).toBeLessThan(CANCEL_BOUND_MS);
    await expectCancelledAndNextTaken('stepsForever', job.trialId);
  });

  it(`cancelled, a module objective that goes on reporting and ignores its signal has its evaluator process gone within ${CANCEL_BOUND_MS} ms`, async () => {
    const pidFile = path.join(dir, 'reports.pid');
    const job = fx.payload('reportsForever', { params: { pidFile }, timeoutSec: 600 });
    await fx.enqueue('reportsForever', job);
    await expectEventually(async () => expect((await fx.stepsOf(job.trialId)).length).toBeGreaterThan(2));
    expect((await fx.stepsOf(job.trialId))[1]).toMatchObject({ step: 1, metrics: { value: 2 } });
    const pgid = Number(fs.readFileSync(pidFile, 'utf8'));
    const elapsed = await goneAfter(pgid, await cancel('reportsForever', job.trialId));
    expect(elapsed).toBeLessThan(CANCEL_BOUND_MS);
    await expectCancelledAndNextTaken('reportsForever', job.trialId);
  });
});
