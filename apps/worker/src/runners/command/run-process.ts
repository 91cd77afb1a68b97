import { spawn } from 'node:child_process';
import { nodeEntryArgs } from '../node-entry';
import { LineSplitter } from './line-splitter';
import { TailBuffer } from './tail-buffer';
import type { FromWatchdog, ToWatchdog } from './watchdog-protocol';

/** One run of a program in its own process group, under a watchdog. */
export interface ProcessRun {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /**
   * `NAME=value`, one of `env`, unique to this run: every process whose
   * environment holds it is killed with the group (descendants that left it with setsid).
   */
  readonly marker: string;
  /** A folder the watchdog removes if the worker dies during the run. */
  readonly tempDir?: string;
  readonly timeoutMs: number;
  /** Time between SIGTERM and SIGKILL to the group at the timeout. */
  readonly killGraceMs: number;
  /** Aborting it kills the group, as a timeout does but after `cancelGraceMs`, and reports `interrupted`. */
  readonly signal?: AbortSignal;
  /** Time between SIGTERM and SIGKILL to the group when `signal` aborts (a cancellation is wanted at once). */
  readonly cancelGraceMs: number;
  /** Called with each line of stdout as it is printed, while the program runs. */
  readonly onStdoutLine?: (line: string) => void;
  /** @default 1 MiB (the tail is kept) */
  readonly stdoutCapBytes?: number;
  /** @default 64 KiB (the tail is kept) */
  readonly stderrCapBytes?: number;
}

export interface ProcessResult {
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly interrupted: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  readonly spawnError?: Error;
}

/**
 * Runs argv directly (no shell) under a command.watchdog process, which makes
 * it the leader of a new process group and kills its whole tree when it
 * exits, when told to (a timeout or an abort: SIGTERM, then SIGKILL after the
 * grace), and when this worker dies, however it dies: an evaluation leaves no
 * processes behind.
 */
export function runProcess(run: ProcessRun): Promise<ProcessResult> {
  return new Promise((resolve) => {
    // Its own session, so a terminal's Ctrl-C or a kill of the worker's group leaves it to clean up.
    const watchdog = spawn(process.execPath, nodeEntryArgs(__dirname, 'command.watchdog'), { detached: true, env: {}, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const stdout = new TailBuffer(run.stdoutCapBytes ?? 1024 * 1024);
    const stderr = new TailBuffer(run.stderrCapBytes ?? 64 * 1024);
    const lines = run.onStdoutLine && new LineSplitter(run.onStdoutLine);
    watchdog.stdout?.on('data', (c: Buffer) => {
      stdout.push(c);
      lines?.push(c);
    });
    watchdog.stdout?.on('end', () => lines?.end());
    watchdog.stderr?.on('data', (c: Buffer) => stderr.push(c));
    const state = { timedOut: false, interrupted: false, done: false, spawned: false };
    let ended: FromWatchdog | undefined;
    const timers: NodeJS.Timeout[] = [];
    const tell = (message: ToWatchdog) => {
      if (watchdog.connected) watchdog.send(message, (e) => e && undefined);
    };

    const stop = (reason: 'timedOut' | 'interrupted') => {
      if (state.timedOut || state.interrupted || state.done) return;
      state[reason] = true;
      tell({ type: 'kill', signal: 'SIGTERM' });
      timers.push(setTimeout(() => tell({ type: 'kill', signal: 'SIGKILL' }), reason === 'interrupted' ? run.cancelGraceMs : run.killGraceMs));
    };
    const onAbort = () => stop('interrupted');
    const finish = () => {
      if (state.done) return;
      state.done = true;
      timers.forEach(clearTimeout);
      run.signal?.removeEventListener('abort', onAbort);
      const exit = ended?.type === 'exit' ? ended : { code: null, signal: watchdog.signalCode };
      const spawnError = ended?.type === 'spawn-error' ? new Error(ended.message) : state.spawned ? undefined : watchdogLost(watchdog.exitCode, watchdog.signalCode);
      const { timedOut, interrupted } = state;
      resolve({ exitCode: exit.code, exitSignal: exit.signal, stdout: stdout.toString(), stderr: stderr.toString(), timedOut, interrupted, spawnError });
    };

    watchdog.on('message', (message: FromWatchdog) => {
      if (message.type === 'spawned') state.spawned = true;
      else {
        ended = message;
        // Output pipes held open by a descendant nothing could kill must not hold the result back.
        timers.push(setTimeout(finish, run.killGraceMs + 1000));
      }
    });
    watchdog.on('error', () => finish());
    watchdog.on('close', finish);
    const { argv, cwd, env, marker, tempDir } = run;
    tell({ type: 'run', argv, cwd, env, marker, tempDir });
    timers.push(setTimeout(() => stop('timedOut'), run.timeoutMs));
    if (run.signal?.aborted) onAbort();
    run.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function watchdogLost(code: number | null, signal: NodeJS.Signals | null): Error {
  return new Error(`its watchdog process ended (${signal ?? `code ${code}`}) before starting it`);
}
