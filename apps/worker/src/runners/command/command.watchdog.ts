import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { killGroup, killMarked } from './kill-process-tree';
import type { FromWatchdog, ToWatchdog } from './watchdog-protocol';

/**
 * A small process between the worker and one command run, so that the run
 * dies with the worker however the worker ends (SIGKILL included): it starts
 * the command as the leader of a new process group and session, and when its
 * IPC channel to the worker closes before the command has ended, it kills the
 * group and every process carrying the run's marker, removes the trial's
 * temporary folder and exits. The command's stdout and stderr are this
 * process's own, pipes the worker reads: nothing is copied here. When the
 * command exits, what is left of its tree is killed and the exit reported.
 */
let run: Extract<ToWatchdog, { type: 'run' }> | undefined;
let child: ChildProcess | undefined;
let ended = false;

function send(message: FromWatchdog, then?: () => void): void {
  if (process.connected) process.send?.(message, undefined, {}, () => then?.());
  else then?.();
}

function killTree(signal: NodeJS.Signals): void {
  killGroup(child?.pid, signal);
  if (run) killMarked(run.marker, signal);
}

function start(message: Extract<ToWatchdog, { type: 'run' }>): void {
  run = message;
  child = spawn(message.argv[0], message.argv.slice(1), {
    cwd: message.cwd,
    env: message.env,
    shell: false,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('spawn', () => send({ type: 'spawned', pid: child?.pid as number }));
  child.on('error', (e) => {
    if (child?.pid === undefined) end({ type: 'spawn-error', message: e.message });
  });
  child.on('exit', (code, signal) => end({ type: 'exit', code, signal }));
}

function end(report: FromWatchdog): void {
  ended = true;
  killTree('SIGKILL');
  send(report, () => process.exit(0));
}

/** The worker is gone (or this watchdog was told to stop): nothing of the run may stay. */
function abandon(): void {
  if (ended) return;
  ended = true;
  killTree('SIGKILL');
  if (run?.tempDir) fs.rmSync(run.tempDir, { recursive: true, force: true });
  process.exit(0);
}

if (!process.send) throw new Error('command.watchdog must be started with an IPC channel');
process.on('message', (message: ToWatchdog) => {
  if (message.type === 'run' && !run) start(message);
  else if (message.type === 'kill') killTree(message.signal);
});
process.on('disconnect', abandon);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, abandon);
