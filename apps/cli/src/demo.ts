import path from 'node:path';
import { plural } from '@attune/core/text/plural';
import { errorLines, CliError } from './cli-error';
import { writeLine } from './cli-io';
import type { StudySummary } from '@attune/core/api/responses';
import { CoordinatorClient } from './client/coordinator-client';
import { loadStudySpecFile } from './commands/study-spec-file';
import { checkRedis } from './demo/check-redis';
import { ChildProcessGroup, type Child } from './demo/child-process-group';
import { DEMO_USAGE, parseDemoArgs, type DemoKind } from './demo/demo-args';
import { parseDemoConfig, type DemoConfig } from './demo/demo-config';
import { findPackageRoot, freePort, tailOf, waitForHealthy } from './demo/demo-support';
import { redactUrl } from '@attune/core/url/redact-url';
import { ensureDatabase } from './demo/ensure-database';
import { followWithProgressBar, followWithTrialLines, type DemoOutcome } from './demo/follow-demo-study';

/**
 * `npm run demo`: a coordinator and its workers as child processes, an
 * example study followed live, its outcome, then a clean shutdown of every
 * child — on success, on failure and on Ctrl-C. By default it tunes the real
 * HTTP service in examples/http-service (one worker, one measurement at a
 * time, verified at the end); `--branin` runs the fast Branin study.
 */
const TARGETS_FILE = path.join('examples', 'targets.yaml');

interface DemoPlan {
  readonly studyFile: string;
  readonly workers: number;
  readonly concurrency: number;
  readonly follow: (client: CoordinatorClient, study: StudySummary, signal: AbortSignal) => Promise<DemoOutcome | undefined>;
}

const PLANS: Readonly<Record<DemoKind, DemoPlan>> = {
  // One worker taking one job at a time: a load test must have the machine to itself.
  service: {
    studyFile: path.join('examples', 'http-service.study.yaml'),
    workers: 1,
    concurrency: 1,
    follow: (client, study, signal) => followWithTrialLines(client, study, ['reqPerS', 'p99Ms', 'rssMb', 'cpuPct'], signal),
  },
  branin: { studyFile: path.join('examples', 'branin.study.yaml'), workers: 2, concurrency: 2, follow: followWithProgressBar },
};

const log = (message: string) => writeLine(process.stderr, `demo: ${message}`);

interface DemoState {
  readonly root: string;
  readonly plan: DemoPlan;
  readonly config: DemoConfig;
  readonly abort: AbortController;
  readonly group: ChildProcessGroup;
  crashed?: Child;
  interrupted?: NodeJS.Signals;
  studyId?: string;
  client?: CoordinatorClient;
}

async function main(): Promise<number> {
  const kind = parseDemoArgs(process.argv.slice(2));
  if (kind === 'help') {
    for (const line of DEMO_USAGE) writeLine(process.stdout, line);
    return 0;
  }
  const root = findPackageRoot(__dirname);
  const state: DemoState = {
    root,
    plan: PLANS[kind],
    config: parseDemoConfig(process.env),
    abort: new AbortController(),
    group: new ChildProcessGroup({
      cwd: root,
      logDir: path.join(root, '.attune', 'logs'),
      onUnexpectedExit: (child, code, signal) => {
        state.crashed ??= child;
        log(`${child.name} exited unexpectedly (${signal ?? `code ${code}`})`);
        state.abort.abort();
      },
    }),
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.interrupted) return;
    state.interrupted = signal;
    log(`${signal} received, cleaning up`);
    state.abort.abort();
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
  let code = 1;
  try {
    const outcome = await runDemo(state);
    code = outcome?.study.state === 'COMPLETE' && (!outcome.verification || outcome.verification.state === 'COMPLETE') ? 0 : 1;
  } catch (e) {
    // A crashed child explains the failure better than the request it broke.
    for (const line of errorLines(state.crashed ? crashError(state.crashed) : e)) writeLine(process.stderr, line);
  } finally {
    await shutDown(state);
  }
  if (code !== 0 && !state.interrupted) log(`failed; the children's logs are in ${path.relative(process.cwd(), path.join(root, '.attune', 'logs')) || '.'}/`);
  return state.interrupted ? 130 : code;
}

async function runDemo(state: DemoState): Promise<DemoOutcome | undefined> {
  const { config, group, abort, plan } = state;
  log(`PostgreSQL: ${redactUrl(config.databaseUrl)}`);
  if (await ensureDatabase(config.databaseUrl)) log('created the database');
  log(`Redis: ${redactUrl(config.redisUrl)} (queue prefix ${config.queuePrefix})`);
  await checkRedis(config.redisUrl);
  if (abort.signal.aborted) return interrupted(state);
  const port = config.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // NO_COLOR: the children write to log files, not terminals.
  const env = { DATABASE_URL: config.databaseUrl, REDIS_URL: config.redisUrl, PORT: String(port), ATTUNE_QUEUE_PREFIX: config.queuePrefix, NO_COLOR: '1' };
  const bin = path.join('bin', 'attune.js');
  log(`starting the coordinator on ${url} (migrations apply at start)`);
  group.start('coordinator', [bin, 'coordinator'], env);
  if (!(await waitForHealthy(url, abort.signal))) return interrupted(state);
  log('coordinator healthy');
  for (let i = 1; i <= plan.workers; i++) {
    group.start(`worker-${i}`, [bin, 'worker', '--targets', TARGETS_FILE, '--concurrency', String(plan.concurrency)], { ...env, ATTUNE_WORKER_ID: `demo-worker-${i}` }, 1);
  }
  log(`started ${plural(plan.workers, 'worker')} (concurrency ${plan.concurrency} each, targets ${TARGETS_FILE})`);
  if (abort.signal.aborted) return interrupted(state);
  const spec = await loadStudySpecFile(path.relative(process.cwd(), path.join(state.root, plan.studyFile)) || plan.studyFile);
  state.client = new CoordinatorClient(url);
  const study = await state.client.createStudy(spec);
  state.studyId = study.id;
  log(`study ${study.name} (${study.id}): ${plural(study.budget.maxTrials, 'trial')}, parallelism ${study.budget.parallelism}, strategy ${study.strategy.name}`);
  const outcome = await plan.follow(state.client, study, abort.signal);
  return outcome ?? interrupted(state);
}

function interrupted(state: DemoState): undefined {
  if (state.crashed) throw crashError(state.crashed);
  return undefined;
}

function crashError(child: Child): CliError {
  return new CliError(`${child.name} stopped unexpectedly; the end of ${path.relative(process.cwd(), child.logFile)}:`, tailOf(child.logFile));
}

async function shutDown(state: DemoState): Promise<void> {
  if (state.interrupted && state.studyId && state.client && !state.crashed) {
    // Leave no RUNNING study behind in the demo database.
    await state.client.stopStudy(state.studyId).then(
      () => log(`stopped study ${state.studyId}`),
      () => undefined,
    );
  }
  log('stopping the workers and the coordinator');
  await state.group.stop();
  log('all processes stopped');
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    for (const line of errorLines(e)) writeLine(process.stderr, line);
    process.exit(1);
  },
);
