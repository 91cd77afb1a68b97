import { spawn } from 'node:child_process';
import { TailBuffer } from './tail-buffer';

/** One run of a program in its own process group. */
export interface ProcessRun {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Time between SIGTERM and SIGKILL to the group. */
  readonly killGraceMs: number;
  /** Aborting it kills the group, as a timeout does, but reports `interrupted`. */
  readonly signal?: AbortSignal;
  /** @default 1 MiB (the tail is kept) */
  readonly stdoutCapBytes?: number;
  /** @default 64 KiB (the tail is kept) */
  readonly stderrCapBytes?: number;
}

/** Process groups of running commands, so a worker forced to exit can still kill them. */
const liveGroups = new Set<number>();

/** SIGKILLs every running command's process group (synchronous: safe in a process 'exit' handler). */
export function killAllProcessGroups(): void {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  liveGroups.clear();
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
 * Spawns argv directly (no shell) as the leader of a new process group, so a
 * timeout or an abort can kill everything it started: SIGTERM to the group,
 * then SIGKILL after the grace. When the leader exits on its own, what is
 * left of its group is killed too: an evaluation leaves no processes behind.
 */
export function runProcess(run: ProcessRun): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(run.argv[0], run.argv.slice(1), {
      cwd: run.cwd,
      env: run.env,
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) liveGroups.add(child.pid);
    const stdout = new TailBuffer(run.stdoutCapBytes ?? 1024 * 1024);
    const stderr = new TailBuffer(run.stderrCapBytes ?? 64 * 1024);
    child.stdout.on('data', (c: Buffer) => stdout.push(c));
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    const state = { timedOut: false, interrupted: false, done: false };
    const timers: NodeJS.Timeout[] = [];

    const stop = (reason: 'timedOut' | 'interrupted') => {
      if (state.timedOut || state.interrupted || state.done) return;
      state[reason] = true;
      killGroup(child.pid, 'SIGTERM');
      timers.push(setTimeout(() => killGroup(child.pid, 'SIGKILL'), run.killGraceMs));
    };
    const onAbort = () => stop('interrupted');
    const finish = (exitCode: number | null, exitSignal: NodeJS.Signals | null, spawnError?: Error) => {
      if (state.done) return;
      state.done = true;
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      timers.forEach(clearTimeout);
      run.signal?.removeEventListener('abort', onAbort);
      const { timedOut, interrupted } = state;
      resolve({ exitCode, exitSignal, stdout: stdout.toString(), stderr: stderr.toString(), timedOut, interrupted, spawnError });
    };

    timers.push(setTimeout(() => stop('timedOut'), run.timeoutMs));
    if (run.signal?.aborted) onAbort();
    run.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      if (child.pid === undefined) finish(null, null, e);
    });
    child.on('exit', (code, signal) => {
      killGroup(child.pid, 'SIGKILL');
      // Output pipes held open by an escaped descendant must not hold the result back.
      timers.push(setTimeout(() => finish(code, signal), run.killGraceMs + 1000));
    });
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => finish(code, signal));
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}
