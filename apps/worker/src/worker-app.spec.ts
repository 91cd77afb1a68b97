import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { QueueFixture, REDIS_URL } from '../test-support/queue-fixture';
import { startWorker, type WorkerHandle } from './main';

const examples = path.resolve(__dirname, '..', '..', '..', 'examples', 'targets');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-worker-'));
const fx = new QueueFixture();
const logs: string[] = [];
let worker: WorkerHandle;

function writeTargets(): string {
  const node = JSON.stringify(process.execPath);
  const objectives = path.join(examples, 'objectives.mjs');
  const lines = ['targets:'];
  for (const name of ['sum', 'nan', 'hang']) lines.push(`  - {name: ${name}, type: module, module: ${objectives}, export: ${name}}`);
  for (const script of ['metrics-line', 'garbage', 'exit-1']) {
    lines.push(`  - {name: ${script}, type: command, command: [${node}, ${script}.mjs], cwd: ${examples}}`);
  }
  const file = path.join(dir, 'targets.yaml');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

beforeAll(async () => {
  const env = { PATH: process.env.PATH, REDIS_URL, ATTUNE_QUEUE_PREFIX: fx.prefix, ATTUNE_WORKER_ID: 'test-worker' };
  worker = await startWorker({ targetsFile: writeTargets(), concurrency: 2, env, log: (m) => logs.push(m) });
});

afterAll(async () => {
  await worker?.close();
  await fx.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('worker end to end on Redis', () => {
  it('serves one queue per declared target', () => {
    expect(worker.targets).toEqual(['sum', 'nan', 'hang', 'metrics-line', 'garbage', 'exit-1']);
  });

  it('evaluates a module target and posts a COMPLETE result with job id = trial id', async () => {
    const job = fx.payload('sum');
    await fx.enqueue('sum', job);
    const result = await fx.result(job.trialId);
    expect(result).toMatchObject({ studyId: job.studyId, trialId: job.trialId, outcome: 'COMPLETE', metrics: { value: 5 }, workerId: 'test-worker' });
    expect(Date.parse(result.finishedAt)).toBeGreaterThanOrEqual(Date.parse(result.startedAt));
    await expectEventually(async () => expect(await fx.queue('sum').getJobState(job.trialId)).toBe('completed'));
  });

  it('evaluates a command target from its last JSON line', async () => {
    const job = fx.payload('metrics-line', { params: { x: 1, y: 0.5 } });
    await fx.enqueue('metrics-line', job);
    expect(await fx.result(job.trialId)).toMatchObject({ outcome: 'COMPLETE', metrics: { value: 1.5, fromEnv: 1 } });
  });

  it('posts evaluation failures as trial outcomes, with the reason', async () => {
    const cases = [
      { target: 'garbage', outcome: 'FAILED', error: /^metric "value" is missing from the output: all good, no numbers here\n\{not json$/ },
      { target: 'exit-1', outcome: 'FAILED', error: /^command exited with code 1; stderr: boom: the disk is on fire$/ },
      { target: 'nan', outcome: 'FAILED', error: /^metric "value" is not a finite number: NaN$/ },
      { target: 'hang', outcome: 'TIMED_OUT', error: /^evaluate did not finish within 0\.3s/, timeoutSec: 0.3 },
      { target: 'sum', outcome: 'FAILED', error: /^metric "latency" is missing from the output: 5$/, metric: 'latency' },
    ];
    const jobs = cases.map((c) => fx.payload(c.target, { timeoutSec: c.timeoutSec ?? 10, metric: c.metric ?? 'value' }));
    await Promise.all(jobs.map((j) => fx.enqueue(j.target, j)));
    for (const [i, c] of cases.entries()) {
      const result = await fx.result(jobs[i].trialId);
      expect(result.outcome, c.target).toBe(c.outcome);
      expect(result.error, c.target).toMatch(c.error);
      expect(result.metrics).toBeUndefined();
    }
  });

  it('fails an invalid payload at once, without retries, and posts nothing', async () => {
    const jobId = await fx.enqueue('sum', { trialId: 'not-a-uuid', target: 'sum' }, { attempts: 3 });
    await expectEventually(async () => expect(await fx.queue('sum').getJobState(jobId)).toBe('failed'));
    const job = await fx.queue('sum').getJob(jobId);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/^invalid evaluation job payload: studyId: is required; trialId: Invalid UUID; trialNumber: is required/);
    expect(await fx.results.getJob(jobId)).toBeUndefined();
  });

  it('fails a job for another target without retries and reports the trial FAILED', async () => {
    const job = fx.payload('metrics-line');
    await fx.enqueue('sum', job, { attempts: 3 });
    const result = await fx.result(job.trialId);
    expect(result).toMatchObject({ outcome: 'FAILED', error: 'the worker could not evaluate this trial: job for target "metrics-line" arrived on the queue of target "sum"' });
    expect((await fx.queue('sum').getJob(job.trialId))?.attemptsMade).toBe(1);
  });

  it('does not evaluate again when the trial already has a result (a job retried after a crash)', async () => {
    const job = fx.payload('sum');
    await fx.enqueue('sum', job);
    const first = await fx.result(job.trialId);
    await expectEventually(async () => expect(await fx.queue('sum').getJobState(job.trialId)).toBe('completed'));
    await (await fx.queue('sum').getJob(job.trialId))?.remove();
    await fx.enqueue('sum', { ...job, params: { x: 100, y: 100 } });
    await expectEventually(async () => expect((await fx.queue('sum').getJob(job.trialId))?.returnvalue).toEqual({ skipped: true }));
    expect(await fx.result(job.trialId)).toEqual(first);
  });
});
