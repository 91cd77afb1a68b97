import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, SHARED_PROBLEMS, startAttune, waitForHealthy, type AttuneProcess } from './attune-processes';
import { expectEventually } from './expect-eventually';
import { createIsolatedEnv, type IsolatedEnv } from './isolated-env';

/** How a process of the stack ended: its exit code, or the signal that killed it. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * One real coordinator and one real worker (serving `branin`), each with
 * environment of its own on top of an isolated schema and queue prefix: for
 * tests of what a process does with its environment (telemetry, logs).
 */
export class SmallStack {
  readonly isolation: IsolatedEnv = createIsolatedEnv();
  coordinator!: AttuneProcess;
  worker!: AttuneProcess;
  url = '';

  constructor(
    private readonly coordinatorEnv: NodeJS.ProcessEnv = {},
    private readonly workerEnv: NodeJS.ProcessEnv = {},
  ) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const base = { ...this.isolation.env, NO_COLOR: '1' };
    this.coordinator = startAttune('coordinator', ['coordinator'], { ...base, PORT: String(port), ...this.coordinatorEnv });
    await waitForHealthy(this.url, this.coordinator);
    const dir = mkdtempSync(path.join(tmpdir(), 'attune-small-'));
    const targets = path.join(dir, 'targets.yaml');
    writeFileSync(targets, `targets:\n  - { name: branin, type: module, module: ${JSON.stringify(SHARED_PROBLEMS)}, export: branin }\n`);
    this.worker = startAttune('worker', ['worker', '--targets', targets, '--concurrency', '2'], { ...base, ...this.workerEnv });
    await expectEventually(() => this.worker.log().includes('serving'), { timeoutMs: 30_000 });
  }

  /** Submits a `random` study of `trials` trials on branin and waits until it has ended; returns its id and state. */
  async runStudy(name: string, trials: number): Promise<{ id: string; state: string }> {
    const spec = {
      name,
      target: 'branin',
      parameters: [
        { name: 'x1', type: 'float', min: -5, max: 10 },
        { name: 'x2', type: 'float', min: 0, max: 15 },
      ],
      objective: { direction: 'minimize' },
      strategy: { name: 'random', seed: 3 },
      budget: { maxTrials: trials, parallelism: 2, trialTimeoutSec: 60 },
    };
    const res = await fetch(`${this.url}/studies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
    const { id } = (await res.json()) as { id: string };
    return expectEventually(
      async () => {
        const study = (await (await fetch(`${this.url}/studies/${id}`)).json()) as { state: string };
        if (study.state === 'RUNNING') throw new Error(`study ${id} still RUNNING\n${this.logs()}`);
        return { id, state: study.state };
      },
      { timeoutMs: 90_000, intervalMs: 200 },
    );
  }

  /** The trial ids of a study, by number. */
  async trialIds(studyId: string): Promise<string[]> {
    const page = (await (await fetch(`${this.url}/studies/${studyId}/trials?limit=1000`)).json()) as { items: { id: string }[] };
    return page.items.map((t) => t.id);
  }

  /**
   * SIGTERM to both (the worker first); each gets `graceMs` to exit by
   * itself before SIGKILL. Returns how each ended.
   */
  async stop(graceMs = 15_000): Promise<{ coordinator: Exit; worker: Exit }> {
    const exitOf = (p: AttuneProcess): Exit => ({ code: p.child.exitCode, signal: p.child.signalCode });
    if (this.worker) await this.worker.stop(graceMs);
    if (this.coordinator) await this.coordinator.stop(graceMs);
    return { coordinator: exitOf(this.coordinator), worker: exitOf(this.worker) };
  }

  logs(): string {
    return [this.coordinator, this.worker].filter(Boolean).map((p) => `--- ${p.name}\n${p.log().slice(-4000)}`).join('\n');
  }

  async cleanup(): Promise<void> {
    await this.stop();
    await this.isolation.cleanup();
  }
}
