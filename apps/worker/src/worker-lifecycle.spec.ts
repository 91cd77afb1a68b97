import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { QueueFixture, REDIS_URL } from '../test-support/queue-fixture';
import { startWorker, type StartWorkerOptions } from './main';
import { isProcessGone } from '../test-support/is-process-gone';
import { cancelTrialChannel, encodeCancelTrial } from '@attune/queue/cancel-trial.message';

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
    ...['sum', 'killsItself', 'aborts', 'spinsWithPid'].map((name) => ({ name, type: 'module', module: objectives, export: name })),
    { name: 'hang', type: 'command', command: [process.execPath, 'hang.mjs'], cwd: examples, env: { PID_FILE: path.join(dir, 'hang.pid') } },
    {
      name: 'hangEscaping',
      type: 'command',
      command: [process.execPath, 'hang.mjs'],
      cwd: examples,
      env: { PID_FILE: path.join(dir, 'escaping.pid'), ESCAPED_PID_FILE: path.join(dir, 'escaped.pid') },
    },
  ];
  fs.writeFileSync(file, JSON.stringify({ targets }));
  return file;
}

/** A worker in a process of its own (from the TypeScript sources), once it is serving. */
async function workerProcess(workerId: string): Promise<ChildProcess> {
  const script = path.resolve(__dirname, '..', 'test-support', 'worker-process.cjs');
  const child = spawn(process.execPath, [script, JSON.stringify({ ...options(workerId), log: undefined })], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  await expectEventually(() => expect(out).toContain('ready'), { timeoutMs: 20_000 });
  return child;
}

/** Trial folders (see trial-temp-dir) made by the worker with this pid. */
function trialDirsOf(pid: number): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`attune-trial-${pid}-`));
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

  it('aborts a running evaluation that the coordinator cancels: its command is killed, the job ends, no result is posted', async () => {
    const worker = await startWorker(options('cancelled', { killGraceMs: 200 }));
    try {
      const pidFile = path.join(dir, 'hang.pid');
      fs.rmSync(pidFile, { force: true });
      const job = fx.payload('hang', { timeoutSec: 600 });
      await fx.enqueue('hang', job);
      await expectEventually(() => expect(fs.existsSync(pidFile)).toBe(true));
      const grandchild = Number(fs.readFileSync(pidFile, 'utf8'));
      const reason = 'study stopped: stopped by user';
      await fx.redis.publish(cancelTrialChannel(fx.prefix), encodeCancelTrial({ target: 'hang', trialIds: [job.trialId], reason }));
      await expectEventually(() => expect(isProcessGone(grandchild)).toBe(true), { timeoutMs: 5000 });
      await expectEventually(async () => expect(await fx.queue('hang').getJobState(job.trialId)).toBe('completed'));
      expect((await fx.queue('hang').getJob(job.trialId))?.returnvalue).toEqual({ cancelled: reason });
      expect(await fx.results.getJob(job.trialId)).toBeUndefined();

      // A cancellation that arrives before the job is taken: the evaluation never starts.
      const early = fx.payload('sum');
      await fx.redis.publish(cancelTrialChannel(fx.prefix), encodeCancelTrial({ target: 'sum', trialIds: [early.trialId], reason }));
      await fx.enqueue('sum', early);
      await expectEventually(async () => expect(await fx.queue('sum').getJobState(early.trialId)).toBe('completed'));
      expect((await fx.queue('sum').getJob(early.trialId))?.returnvalue).toEqual({ cancelled: reason });
      expect(await fx.results.getJob(early.trialId)).toBeUndefined();
    } finally {
      await worker.close();
    }
  });

  it('when a worker is SIGKILLed, its command, the command\'s group, a descendant that called setsid and the trial folder go too', async () => {
    const doomed = await workerProcess('killed-with-command');
    await fx.enqueue('hangEscaping', fx.payload('hangEscaping', { timeoutSec: 600 }));
    await expectEventually(() => expect(fs.existsSync(path.join(dir, 'escaping.pid'))).toBe(true), { timeoutMs: 20_000 });
    const grandchild = Number(fs.readFileSync(path.join(dir, 'escaping.pid'), 'utf8'));
    const escaped = Number(fs.readFileSync(path.join(dir, 'escaped.pid'), 'utf8'));
    expect(trialDirsOf(doomed.pid as number)).toHaveLength(1);
    doomed.kill('SIGKILL');
    await expectEventually(() => {
      expect(isProcessGone(grandchild)).toBe(true);
      expect(isProcessGone(escaped)).toBe(true);
      expect(trialDirsOf(doomed.pid as number)).toEqual([]);
    });
    await fx.queue('hangEscaping').obliterate({ force: true });
  });

  it('survives module evaluations that kill or abort their process: each fails its trial for good, with the reason', async () => {
    const worker = await workerProcess('survivor-of-crashes');
    const kills = fx.payload('killsItself');
    const aborts = fx.payload('aborts');
    await fx.enqueue('killsItself', kills);
    await fx.enqueue('aborts', aborts);
    expect(await fx.result(kills.trialId)).toMatchObject({ outcome: 'FAILED', error: 'the evaluator process exited (signal SIGKILL)', workerId: 'survivor-of-crashes' });
    expect(await fx.result(aborts.trialId)).toMatchObject({ outcome: 'FAILED', error: 'the evaluator process exited (signal SIGABRT)', workerId: 'survivor-of-crashes' });
    // Not retried: the job is done with the trial's outcome.
    expect(await fx.queue('killsItself').getJobState(kills.trialId)).toBe('completed');
    expect((await fx.queue('killsItself').getJob(kills.trialId))?.attemptsMade).toBe(1);
    const next = fx.payload('sum');
    await fx.enqueue('sum', next);
    expect(await fx.result(next.trialId)).toMatchObject({ outcome: 'COMPLETE', metrics: { value: 5 }, workerId: 'survivor-of-crashes' });
    expect(worker.exitCode).toBeNull();
    worker.kill('SIGKILL');
  });

  it('when a worker is SIGKILLed, its module evaluator process goes too, even one stuck in a busy loop', async () => {
    const doomed = await workerProcess('killed-with-evaluator');
    const pidFile = path.join(dir, 'spinner.pid');
    await fx.enqueue('spinsWithPid', fx.payload('spinsWithPid', { params: { pidFile }, timeoutSec: 600 }));
    await expectEventually(() => expect(fs.existsSync(pidFile)).toBe(true), { timeoutMs: 20_000 });
    const evaluator = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(isProcessGone(evaluator)).toBe(false);
    doomed.kill('SIGKILL');
    await expectEventually(() => expect(isProcessGone(evaluator)).toBe(true));
    await fx.queue('spinsWithPid').obliterate({ force: true });
  });

  it('removes at start the trial folders of workers that are gone, and only those', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => gone.on('exit', () => resolve(gone.pid as number)));
    const orphan = fs.mkdtempSync(path.join(os.tmpdir(), `attune-trial-${deadPid}-`));
    fs.writeFileSync(path.join(orphan, 'params.json'), '{}');
    const live = fs.mkdtempSync(path.join(os.tmpdir(), `attune-trial-${process.pid}-`));
    try {
      const worker = await startWorker(options('cleaner'));
      await worker.close();
      expect(fs.existsSync(orphan)).toBe(false);
      expect(fs.existsSync(live)).toBe(true);
    } finally {
      fs.rmSync(live, { recursive: true, force: true });
      fs.rmSync(orphan, { recursive: true, force: true });
    }
  });

  it('when a worker dies mid-evaluation, another worker takes the stalled job and posts its result', async () => {
    const marker = path.join(dir, 'hang-once.marker');
    const doomed = await workerProcess('doomed');
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
