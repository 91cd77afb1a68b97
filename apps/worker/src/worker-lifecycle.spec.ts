import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { QueueFixture, REDIS_URL } from '../test-support/queue-fixture';
import { startWorker, type StartWorkerOptions } from './main';
import { isProcessGone } from '../test-support/is-process-gone';

const examples = path.resolve(__dirname, '..', '..', '..', 'examples', 'targets');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-lifecycle-'));
const fx = new QueueFixture();
const stalled = { lockDuration: 1000, stalledInterval: 300 };
const children: ChildProcess[] = [];

afterAll(async () => {
  children.forEach((c) => c.kill('SIGKILL'));
  await fx.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function targetsFile(): string {
  const file = path.join(dir, 'targets.json');
  const objectives = path.join(examples, 'objectives.mjs');
  const targets = [
    { name: 'slow', type: 'module', module: objectives, export: 'slow' },
    { name: 'hangOnce', type: 'module', module: objectives, export: 'hangOnce' },
    { name: 'hang', type: 'command', command: [process.execPath, 'hang.mjs'], cwd: examples, env: { PID_FILE: path.join(dir, 'hang.pid') } },
  ];
  fs.writeFileSync(file, JSON.stringify({ targets }));
  return file;
}

function options(workerId: string, extra: Partial<StartWorkerOptions> = {}): StartWorkerOptions {
  const env = { PATH: process.env.PATH, REDIS_URL, ATTUNE_QUEUE_PREFIX: fx.prefix, ATTUNE_WORKER_ID: workerId };
  return { targetsFile: targetsFile(), concurrency: 2, env, stalled, log: () => undefined, ...extra };
}


describe('worker lifecycle', () => {
  it('on close lets running evaluations finish, then kills what outlives the grace and requeues its job', async () => {
    const worker = await startWorker(options('closing', { shutdownGraceMs: 1000, killGraceMs: 200 }));
    const slow = fx.payload('slow');
    const hang = fx.payload('hang', { timeoutSec: 60 });
    await fx.enqueue('slow', slow);
    await fx.enqueue('hang', hang);
    await expectEventually(() => expect(fs.existsSync(path.join(dir, 'hang.pid'))).toBe(true));
    await worker.close();
    expect(await fx.result(slow.trialId)).toMatchObject({ outcome: 'COMPLETE', metrics: { value: 2 } });
    expect(await fx.queue('hang').getJobState(hang.trialId)).toBe('waiting');
    expect((await fx.queue('hang').getJob(hang.trialId))?.attemptsMade).toBe(0);
    expect(await fx.results.getJob(hang.trialId)).toBeUndefined();
    const grandchild = Number(fs.readFileSync(path.join(dir, 'hang.pid'), 'utf8'));
    await expectEventually(() => expect(isProcessGone(grandchild)).toBe(true));
    await fx.queue('hang').obliterate({ force: true });
  });

  it('when a worker dies mid-evaluation, another worker takes the stalled job and posts its result', async () => {
    const marker = path.join(dir, 'hang-once.marker');
    const script = path.resolve(__dirname, '..', 'test-support', 'worker-process.cjs');
    const doomed = spawn(process.execPath, [script, JSON.stringify({ ...options('doomed'), log: undefined })], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(doomed);
    let out = '';
    doomed.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    await expectEventually(() => expect(out).toContain('ready'), { timeoutMs: 20_000 });
    const job = fx.payload('hangOnce', { params: { x: 7, marker }, timeoutSec: 60 });
    await fx.enqueue('hangOnce', job);
    await expectEventually(() => expect(fs.existsSync(marker)).toBe(true));
    doomed.kill('SIGKILL');
    const survivor = await startWorker(options('survivor'));
    try {
      expect(await fx.result(job.trialId)).toMatchObject({ outcome: 'COMPLETE', metrics: { value: 7 }, workerId: 'survivor' });
    } finally {
      await survivor.close();
    }
  });
});
