import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { jobIdForSteps } from '@attune/queue/job-ids';
import { STEPS_QUEUE } from '@attune/queue/queue-names';
import { MAX_STEPS_PER_JOB, MAX_STEPS_PER_TRIAL, trialStepsJobSchema, type TrialStep, type TrialStepsJob } from '@attune/queue/trial-steps.job';
import { afterAll, describe, expect, it } from 'vitest';
import { QueueFixture } from '../../test-support/queue-fixture';
import { StepPublisher } from './step-publisher';

const trial = { studyId: randomUUID(), trialId: randomUUID(), target: 'train' };
const at = '2026-12-04T12:00:00.000Z';
const step = (n: number): TrialStep => ({ step: n, metrics: { loss: 1 / (n + 1) }, at });

/** A queue whose adds end when the test says so: `added` holds each add's payload, `settle()` ends the oldest open one. */
class HeldQueue {
  readonly added: TrialStepsJob[] = [];
  private readonly open: { resolve: () => void; reject: (e: Error) => void }[] = [];

  add(_name: string, data: TrialStepsJob): Promise<unknown> {
    this.added.push(data);
    return new Promise<void>((resolve, reject) => this.open.push({ resolve, reject }));
  }

  async settle(error?: Error): Promise<void> {
    const next = this.open.shift()!;
    if (error) next.reject(error);
    else next.resolve();
    // Let the publisher's continuation run.
    await new Promise((resolve) => setImmediate(resolve));
  }

  get inFlight(): number {
    return this.open.length;
  }
}

function publisherOver(queue: HeldQueue): { publisher: StepPublisher; logs: string[] } {
  const logs: string[] = [];
  return { publisher: new StepPublisher(queue as unknown as Queue, 'w1', (m) => logs.push(m)), logs };
}

describe('StepPublisher', () => {
  it('posts a step at once, coalesces what arrives while a post is in flight, and posts it when that post ends', async () => {
    const queue = new HeldQueue();
    const stream = publisherOver(queue).publisher.forTrial(trial);
    stream.push(step(0));
    expect(queue.added.map((j) => j.steps.map((s) => s.step))).toEqual([[0]]);
    [1, 2, 3].forEach((n) => stream.push(step(n)));
    expect(queue.added).toHaveLength(1);
    await queue.settle();
    expect(queue.added.map((j) => j.steps.map((s) => s.step))).toEqual([[0], [1, 2, 3]]);
    expect(queue.inFlight).toBe(1);
    await queue.settle();
    expect(queue.inFlight).toBe(0);
    expect(queue.added.map((j) => trialStepsJobSchema.parse(j))).toEqual(queue.added);
    expect(queue.added[1]).toEqual({ ...trial, workerId: 'w1', steps: [step(1), step(2), step(3)] });
  });

  it(`puts at most ${MAX_STEPS_PER_JOB} steps in a job; flush resolves once all are posted`, async () => {
    const queue = new HeldQueue();
    const stream = publisherOver(queue).publisher.forTrial(trial);
    for (let n = 0; n <= 2 * MAX_STEPS_PER_JOB; n++) stream.push(step(n));
    let flushed = false;
    const flushing = stream.flush().then(() => (flushed = true));
    while (queue.inFlight > 0) await queue.settle();
    await flushing;
    expect(flushed).toBe(true);
    expect(queue.added.map((j) => j.steps.length)).toEqual([1, MAX_STEPS_PER_JOB, MAX_STEPS_PER_JOB]);
    expect(queue.added.flatMap((j) => j.steps.map((s) => s.step))).toEqual(Array.from({ length: 2 * MAX_STEPS_PER_JOB + 1 }, (_, n) => n));
  });

  it(`stops after ${MAX_STEPS_PER_TRIAL} steps of a trial, saying so once`, async () => {
    const queue = new HeldQueue();
    const { publisher, logs } = publisherOver(queue);
    const stream = publisher.forTrial(trial);
    for (let n = 0; n < MAX_STEPS_PER_TRIAL + 50; n++) stream.push(step(n));
    const flushing = stream.flush();
    while (queue.inFlight > 0) await queue.settle();
    await flushing;
    expect(queue.added.reduce((sum, j) => sum + j.steps.length, 0)).toBe(MAX_STEPS_PER_TRIAL);
    expect(logs).toEqual([`trial ${trial.trialId}: reported more than ${MAX_STEPS_PER_TRIAL} steps; the later ones are not posted`]);
  });

  it('drops a batch that Redis refused, logs it (throttled), and goes on with the next', async () => {
    const queue = new HeldQueue();
    const { publisher, logs } = publisherOver(queue);
    const stream = publisher.forTrial(trial);
    stream.push(step(0));
    stream.push(step(1));
    await queue.settle(new Error('connection refused'));
    stream.push(step(2));
    await queue.settle(new Error('connection refused'));
    await queue.settle();
    await stream.flush();
    expect(queue.added.map((j) => j.steps.map((s) => s.step))).toEqual([[0], [1], [2]]);
    expect(logs).toEqual([`trial ${trial.trialId}: could not post steps 0–0, dropped (the evaluation goes on): connection refused`]);
  });

  it('once stopped, drops what waits and posts nothing more', async () => {
    const queue = new HeldQueue();
    const stream = publisherOver(queue).publisher.forTrial(trial);
    stream.push(step(0));
    stream.push(step(1));
    stream.stop();
    stream.push(step(2));
    await queue.settle();
    expect(queue.added.map((j) => j.steps.map((s) => s.step))).toEqual([[0]]);
    expect(queue.inFlight).toBe(0);
  });
});

describe('StepPublisher on Redis', () => {
  const fx = new QueueFixture();
  const steps = new Queue(STEPS_QUEUE, { connection: fx.redis, prefix: fx.prefix });
  afterAll(async () => {
    await steps.close();
    await fx.dispose();
  });

  it('posts trial-steps jobs on the steps queue, each with the job id of its first and last step', async () => {
    const stream = new StepPublisher(steps, 'w1', () => undefined).forTrial(trial);
    for (let n = 0; n < 20; n++) stream.push(step(n));
    await stream.flush();
    const jobs = await steps.getJobs(['waiting']);
    const posted = jobs.map((j) => j.data as TrialStepsJob).sort((a, b) => a.steps[0]!.step - b.steps[0]!.step);
    expect(posted.flatMap((j) => j.steps.map((s) => s.step))).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(jobs.map((j) => j.name)).toEqual(jobs.map(() => 'trial-steps'));
    expect(new Set(jobs.map((j) => j.id))).toEqual(new Set(posted.map((j) => jobIdForSteps(trial.trialId, j.steps[0]!.step, j.steps[j.steps.length - 1]!.step))));
  });

  it('never lets a Redis that is gone fail the trial: the post is dropped and logged', async () => {
    const gone = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const queue = new Queue(STEPS_QUEUE, { connection: gone, prefix: fx.prefix });
    queue.on('error', () => undefined);
    const logs: string[] = [];
    const stream = new StepPublisher(queue, 'w1', (m) => logs.push(m)).forTrial(trial);
    stream.push(step(0));
    await expect(stream.flush()).resolves.toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/could not post steps 0–0, dropped \(the evaluation goes on\)/);
    await queue.close().catch(() => undefined);
    gone.disconnect();
  });
});
