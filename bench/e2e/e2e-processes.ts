import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** A real process the bench started, with its output in a log file. */
export interface BenchProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly logFile: string;
  log(): string;
  exited(): boolean;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a crash. */
  kill(): Promise<void>;
}

/** Starts `node <script> ...args` with its stdout and stderr in `<logDir>/<name>.log`. */
export function startNode(name: string, script: string, args: readonly string[], env: Record<string, string>, logDir: string): BenchProcess {
  return startProcess(name, process.execPath, [script, ...args], env, logDir);
}

/** Starts `command ...args` (this process's environment plus `env`) with its stdout and stderr in `<logDir>/<name>.log`. */
export function startProcess(name: string, command: string, args: readonly string[], env: Record<string, string>, logDir: string): BenchProcess {
  const logFile = path.join(logDir, `${name}.log`);
  const out = createWriteStream(logFile);
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const finish = async (signal: NodeJS.Signals, graceMs: number) => {
    if (!exited()) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    }
    out.end();
  };
  return {
    name,
    child,
    pid: child.pid ?? -1,
    logFile,
    log: () => readFileSync(logFile, 'utf8'),
    exited,
    stop: (graceMs = 10_000) => finish('SIGTERM', graceMs),
    kill: () => finish('SIGKILL', 0),
  };
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `ready` every `intervalMs` until it is true; fails when the process dies or the time is up. */
export async function waitFor(what: string, ready: () => Promise<boolean> | boolean, proc: BenchProcess | undefined, timeoutMs: number, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc?.exited()) throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}) before ${what}; log: ${proc.logFile}\n${proc.log().slice(-2000)}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000}s${proc ? `; log: ${proc.logFile}` : ''}`);
    await sleep(intervalMs);
  }
}
