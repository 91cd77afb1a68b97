import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The repository root, and the `attune` bin the end-to-end tests run (compiled by `npm test`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const ATTUNE_BIN = path.join(REPO_ROOT, 'bin', 'attune.js');
export const SHARED_PROBLEMS = path.resolve(REPO_ROOT, '..', 'shared', 'bench', 'problems.mjs');

/** A real `attune` process (coordinator or worker) with its output in a log file. */
export interface AttuneProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  log(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a crash. */
  kill(): Promise<void>;
}

const logDir = mkdtempSync(path.join(tmpdir(), 'attune-e2e-'));

export function startAttune(name: string, args: string[], env: NodeJS.ProcessEnv): AttuneProcess {
  const logFile = path.join(logDir, `${name}-${Date.now()}.log`);
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, [ATTUNE_BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const finish = async (signal: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return {
    name,
    child,
    logFile,
    log: () => readFileSync(logFile, 'utf8'),
    stop: (graceMs = 10_000) => finish('SIGTERM', graceMs),
    kill: () => finish('SIGKILL', 0),
  };
}

/** Runs the `attune` CLI to completion. */
export function runAttune(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ATTUNE_BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`attune ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export { freePort } from '../../bench/e2e/e2e-processes';

/** Polls the coordinator's /health until it answers 200, or the process dies. */
export async function waitForHealthy(url: string, proc: AttuneProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with ${proc.child.exitCode}:\n${proc.log()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name} was not healthy within ${timeoutMs} ms:\n${proc.log()}`);
}
