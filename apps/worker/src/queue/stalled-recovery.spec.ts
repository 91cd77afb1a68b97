import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../../test/support/expect-eventually';
import { QueueFixture, REDIS_URL } from '../../test-support/queue-fixture';
import { startWorker, type StartWorkerOptions } from '../main';

const objectives = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'targets', 'objectives.mjs');
const workerProcess = path.resolve(__dirname, '..', '..', 'test-support', 'worker-process.cjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-stalled-'));
const fx = new QueueFixture();
const children: ChildProcess[] = [];
// Issue 7: from a worker's death to its trial being evaluated again, under 15 s.
const RECOVERY_BOUND_MS = 15_000;

afterAll(async () => {
  children.forEach((c) => c.kill('SIGKILL'));
  await fx.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

// The default stalled-job settings (no `stalled` override): what a deployment gets.
function options(workerId: string): StartWorkerOptions {
  const file = path.join(dir, 'targets.json');
  fs.writeFileSync(file, JSON.stringify({ targets: [{ name: 'hangOnce', type: 'module', module: objectives, export: 'hangOnce' }] }));
  const env = { PATH: process.env.PATH, REDIS_URL, ATTUNE_QUEUE_PREFIX: fx.prefix, ATTUNE_WORKER_ID: workerId };
  return { targetsFile: file, concurrency: 1, env };
}

async function startDoomedWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [workerProcess, JSON.stringify(options('doomed'))], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  await expectEventually(() => expect(out).toContain('ready'), { timeoutMs: 20_000 });
  return child;
}

describe('a worker SIGKILLed mid-evaluation', () => {
  it(`has its trial evaluated again by another worker within ${RECOVERY_BOUND_MS / 1000} s, with the default lock settings`, async () => {
    const doomed = await startDoomedWorker();
    const marker = path.join(dir, 'hang-once.marker');
    const job = fx.payload('hangOnce', { params: { x: 4, marker }, timeoutSec: 60 });
    await fx.enqueue('hangOnce', job);
    await expectEventually(() => expect(fs.existsSync(marker)).toBe(true));
    const survivor = await startWorker({ ...options('survivor'), log: () => undefined });
    try {
      doomed.kill('SIGKILL');
      expect(await fx.result(job.trialId, RECOVERY_BOUND_MS)).toMatchObject({ outcome: 'COMPLETE', metrics: { value: 4 }, workerId: 'survivor' });
    } finally {
      await survivor.close();
    }
  }, 60_000);
});
