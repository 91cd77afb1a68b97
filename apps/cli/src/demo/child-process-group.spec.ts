import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChildProcessGroup, type Child } from './child-process-group';

const logDir = mkdtempSync(path.join(tmpdir(), 'attune-group-'));
// Prints "ready", logs the SIGTERM it gets, and (when told to) ignores it.
const script = (name: string, ignoreTerm: boolean) =>
  `process.on('SIGTERM', () => { console.log('${name} got SIGTERM at ' + process.hrtime.bigint()); ${ignoreTerm ? '' : 'process.exit(0);'} }); console.log('ready'); setInterval(() => {}, 1000);`;

function whenReady(child: Child): Promise<void> {
  return new Promise((resolve) => child.process.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
}

/** When the child logged its SIGTERM; polls, because the log file is written asynchronously. */
async function signalledAt(file: string): Promise<bigint> {
  for (let i = 0; i < 100; i++) {
    const found = /got SIGTERM at (\d+)/.exec(readFileSync(file, 'utf8'));
    if (found) return BigInt(found[1]);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${file} never recorded a SIGTERM`);
}

describe('ChildProcessGroup', () => {
  it('stops the higher tier first, SIGKILLs a child that ignores SIGTERM, and logs to files', async () => {
    const unexpected: string[] = [];
    const group = new ChildProcessGroup({ cwd: process.cwd(), logDir, onUnexpectedExit: (c) => unexpected.push(c.name) });
    const coordinator = group.start('coordinator', ['-e', script('coordinator', false)], {}, 0);
    const worker = group.start('worker', ['-e', script('worker', true)], {}, 1);
    await Promise.all([whenReady(coordinator), whenReady(worker)]);
    await group.stop(300);
    expect(worker.process.signalCode).toBe('SIGKILL');
    expect(coordinator.process.exitCode).toBe(0);
    const [workerAt, coordinatorAt] = await Promise.all([signalledAt(worker.logFile), signalledAt(coordinator.logFile)]);
    expect(workerAt < coordinatorAt).toBe(true);
    expect(unexpected).toEqual([]);
    expect(group.logFiles()).toEqual([path.join(logDir, 'coordinator.log'), path.join(logDir, 'worker.log')]);
  });

  it('reports a child that exits on its own', async () => {
    const exits: string[] = [];
    const group = new ChildProcessGroup({ cwd: process.cwd(), logDir, onUnexpectedExit: (c, code) => exits.push(`${c.name}:${code}`) });
    const child = group.start('crasher', ['-e', 'process.exit(3)'], {});
    await child.exited;
    await group.stop();
    expect(exits).toEqual(['crasher:3']);
  });
});
