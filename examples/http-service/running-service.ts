import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ServiceConfig } from './service-config';

const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 3_000;

/** The service started as a child process on a free loopback port; `stop` ends it and every process it forked. */
export class RunningService {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts `server.js` with `config` and resolves once it prints `listening <port>`. */
  static start(config: ServiceConfig): Promise<RunningService> {
    const child = spawn(process.execPath, [path.join(__dirname, 'server.js'), JSON.stringify(config), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    // Whatever happens to this process, its service goes with it.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`the service did not listen within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      const fail = (e: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(e);
      };
      child.once('error', fail);
      child.once('exit', (code, signal) => fail(new Error(`the service exited before listening (${signal ?? `code ${code}`})`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const ready = /^listening (\d+)$/.exec(line);
        if (!ready) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.once('exit', () => process.off('exit', killOnExit));
        resolve(new RunningService(child, Number(ready[1])));
      });
    });
  }

  /** SIGTERM, then SIGKILL after a grace; resolves once the main process has exited (it stops its workers first). */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
      this.child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }
}
