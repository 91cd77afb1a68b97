import { expect } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, REPO_ROOT, SHARED_PROBLEMS, startAttune, waitForHealthy, type AttuneProcess } from '../support/attune-processes';
import { expectEventually } from '../support/expect-eventually';
import { createIsolatedEnv, type IsolatedEnv } from '../support/isolated-env';

/** The targets the end-to-end workers serve. */
function writeTargetsFile(dir: string): string {
  const file = path.join(dir, 'targets.yaml');
  const fixtures = path.join(REPO_ROOT, 'test', 'e2e', 'fixtures');
  mkdirSync(path.join(dir, 'pids'));
  writeFileSync(
    file,
    [
      'targets:',
      `  - { name: branin, type: module, module: ${JSON.stringify(SHARED_PROBLEMS)}, export: branin }`,
      `  - { name: slow, type: module, module: ${JSON.stringify(path.join(fixtures, 'slow-objective.mjs'))} }`,
      `  - { name: system, type: module, module: ${JSON.stringify(path.join(fixtures, 'system-objective.mjs'))} }`,
      `  - { name: noisy-slope, type: module, module: ${JSON.stringify(path.join(fixtures, 'noisy-objective.mjs'))}, export: slope }`,
      `  - { name: noisy-flat, type: module, module: ${JSON.stringify(path.join(fixtures, 'noisy-objective.mjs'))}, export: flat }`,
      `  - { name: flaky, type: command, command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(path.join(fixtures, 'flaky-command.mjs'))}] }`,
      // The demo's service under a short load (built into dist/ by `npm test`'s build).
      `  - { name: http-service, type: command, command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(path.join(REPO_ROOT, 'dist', 'examples', 'http-service', 'load-test.target.js'))}], env: { ATTUNE_DEMO_LOAD_SEC: '1', ATTUNE_DEMO_WARMUP_SEC: '0.3', ATTUNE_DEMO_CONNECTIONS: '8' } }`,
      `  - { name: stepper, type: command, command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(path.join(fixtures, 'stepper-command.mjs'))}], env: { PID_DIR: ${JSON.stringify(path.join(dir, 'pids'))} } }`,
      `  - { name: stepper-module, type: module, module: ${JSON.stringify(path.join(fixtures, 'stepper-objective.mjs'))} }`,
      `  - { name: sleepy, type: command, command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(path.join(fixtures, 'sleepy-command.mjs'))}], env: { PID_DIR: ${JSON.stringify(path.join(dir, 'pids'))} } }`,
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * A real deployment for one test file: a coordinator and two worker processes
 * started from the compiled `attune` bin, on their own schema and queue prefix.
 */
export class E2eStack {
  readonly isolation: IsolatedEnv = createIsolatedEnv();
  readonly dir = mkdtempSync(path.join(tmpdir(), 'attune-e2e-'));
  readonly targetsFile = writeTargetsFile(this.dir);
  /** Where the `sleepy` and `stepper` targets write `<trial id>.pid`. */
  readonly pidDir = path.join(this.dir, 'pids');
  coordinator!: AttuneProcess;
  workers: AttuneProcess[] = [];
  url = '';
  private port = 0;
  private db?: Client;

  private extraEnv: Readonly<Record<string, string>>;

  /** `baseEnv`: more variables for every process of the stack (ATTUNE_METRICS_PORT, say). */
  constructor(private readonly baseEnv: Readonly<Record<string, string>> = {}) {
    this.extraEnv = baseEnv;
  }

  get env(): Record<string, string> {
    return { ...this.isolation.env, PORT: String(this.port), ATTUNE_URL: this.url, NO_COLOR: '1', ...this.extraEnv };
  }

  /** Starts the coordinator and the workers; `extraEnv` goes to every process with the constructor's (OTEL_* for a traced stack, say). */
  async start(extraEnv: Readonly<Record<string, string>> = {}): Promise<void> {
    this.extraEnv = { ...this.baseEnv, ...extraEnv };
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    await this.startCoordinator();
    this.workers = [1, 2].map((n) => startAttune(`worker-${n}`, ['worker', '--targets', this.targetsFile, '--concurrency', '2'], this.env));
    for (const w of this.workers) await expectEventually(() => expect(w.log()).toContain('serving'), { timeoutMs: 30_000 });
  }

  async startCoordinator(): Promise<void> {
    this.coordinator = startAttune('coordinator', ['coordinator'], this.env);
    await waitForHealthy(this.url, this.coordinator);
  }

  /** A direct connection to the test's schema, to check what PostgreSQL holds. */
  async sql<T extends Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    if (!this.db) {
      this.db = new Client({ connectionString: this.isolation.databaseUrl });
      await this.db.connect();
      await this.db.query(`SET search_path TO "${this.isolation.schema}"`);
    }
    return (await this.db.query(query, params)).rows as T[];
  }

  writeSpec(name: string, spec: unknown): string {
    const file = path.join(this.dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(spec, null, 2));
    return file;
  }

  /** Process logs, for a failure message. */
  logs(): string {
    return [this.coordinator, ...this.workers].filter(Boolean).map((p) => `--- ${p.name}\n${p.log().slice(-4000)}`).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.workers, this.coordinator].filter(Boolean).map((p) => p.stop()));
    await this.db?.end();
    await this.isolation.cleanup();
  }
}
