import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

/** One supervised child: its name, process and log file. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly logFile: string;
  /** Stopping order: higher tiers stop first. */
  readonly tier: number;
  /** Resolves when the process has exited (for whatever reason). */
  readonly exited: Promise<void>;
}

export interface ChildProcessGroupOptions {
  /** Working directory of every child. */
  readonly cwd: string;
  /** Children's stdout and stderr go to `<logDir>/<name>.log`, truncated at start. */
  readonly logDir: string;
  /** Called when a child exits while the group is not stopping (a crash). */
  readonly onUnexpectedExit: (child: Child, code: number | null, signal: NodeJS.Signals | null) => void;
}

/**
 * Starts Node child processes and guarantees they end with the parent: `stop`
 * sends SIGTERM, then SIGKILL after a grace period; a parent that exits any
 * other way kills the children synchronously on its way out. No orphans.
 */
export class ChildProcessGroup {
  private readonly children: Child[] = [];
  private stopping = false;
  private readonly killOnExit = () => {
    for (const c of this.children) if (isRunning(c.process)) c.process.kill('SIGKILL');
  };

  constructor(private readonly options: ChildProcessGroupOptions) {
    mkdirSync(options.logDir, { recursive: true });
    process.on('exit', this.killOnExit);
  }

  /** Starts `node <args>` with the given extra environment; `tier` orders the shutdown. */
  start(name: string, args: readonly string[], env: NodeJS.ProcessEnv, tier = 0): Child {
    const logFile = path.join(this.options.logDir, `${name}.log`);
    const log = createWriteStream(logFile, { flags: 'w' });
    // Own process group: a Ctrl-C in the terminal reaches the parent only, which then stops each child exactly once.
    const child = spawn(process.execPath, [...args], { cwd: this.options.cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        if (!this.stopping) this.options.onUnexpectedExit(entry, code, signal);
        resolve();
      });
      child.once('error', () => resolve());
    });
    const entry: Child = { name, process: child, logFile, tier, exited };
    this.children.push(entry);
    return entry;
  }

  /**
   * Stops the children tier by tier, the highest first (workers before the
   * coordinator they report to): SIGTERM once each, SIGKILL after `graceMs`.
   */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    const tiers = [...new Set(this.children.map((c) => c.tier))].sort((a, b) => b - a);
    for (const tier of tiers) {
      const running = this.children.filter((c) => c.tier === tier && isRunning(c.process));
      for (const c of running) c.process.kill('SIGTERM');
      const kill = setTimeout(() => running.forEach((c) => isRunning(c.process) && c.process.kill('SIGKILL')), graceMs);
      await Promise.all(running.map((c) => c.exited));
      clearTimeout(kill);
    }
    process.removeListener('exit', this.killOnExit);
  }

  /** Names and log files of the children, for a failure message. */
  logFiles(): string[] {
    return this.children.map((c) => c.logFile);
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}
