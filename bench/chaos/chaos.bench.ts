import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Rng } from '@attune/core/random/rng';
import { repoRoot } from '../bench-repo-root';
import { freePort, sleep } from '../e2e/e2e-processes';
import { studySpec } from '../e2e/e2e-spec';
import { BenchStack } from '../e2e/e2e-stack';
import { parseChaosArgs, type ChaosArgs } from './chaos-args';
import { checkStudy, type Check, type StudyOutcome } from './chaos-checks';
import { FAULT_KINDS } from './chaos-faults';
import { checkTable, faultTable, type FaultResult } from './chaos-report';
import { GIVE_UP_MS, runFaults } from './chaos-run';
import { PostgresServer, RedisServer } from './chaos-services';
import { ChaosWorld } from './chaos-world';

const TARGETS = ['chaos-module', 'chaos-command'];
const COORDINATORS = 2;
const WORKERS = 3;
// Per target and worker: with one worker down, the others still have a slot for every trial in flight.
const CONCURRENCY = 2;
const PARALLELISM = 2;
// Each evaluation takes PACE_MS while faults are injected, none after: so the studies cannot run out of
// budget during the fault phase (at most PARALLELISM / PACE_MS trials a second), and their rest runs fast.
const PACE_MS = 1000;
const SIZES = {
  quick: { rounds: 1, faultPhaseMs: 90_000 },
  full: { rounds: 2, faultPhaseMs: 200_000 },
};
const END_WAIT_MS = 300_000;

const log = (m: string) => process.stderr.write(`chaos: ${m}\n`);
const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Everything the run started, for the cleanup whatever happens. */
interface Run {
  readonly root: string;
  redis?: RedisServer;
  postgres?: PostgresServer;
  stack?: BenchStack;
  world?: ChaosWorld;
}

async function main(args: ChaosArgs, run: Run): Promise<boolean> {
  const started = Date.now();
  const size = args.quick ? SIZES.quick : SIZES.full;
  const maxTrials = Math.ceil((PARALLELISM * size.faultPhaseMs) / PACE_MS);
  const logDir = path.join(run.root, 'logs');
  mkdirSync(logDir);
  const targetDir = path.join(run.root, 'target');
  const targetsFile = writeTargets(targetDir);
  const pace = (ms: number) => writeFileSync(path.join(targetDir, 'pace-ms'), String(ms));
  pace(PACE_MS);
  run.redis = new RedisServer(path.join(run.root, 'redis'), await freePort(), logDir);
  run.postgres = new PostgresServer(path.join(run.root, 'postgres'), await freePort(), args.pgBin);
  await run.redis.start();
  await run.postgres.init();
  await run.postgres.start();
  log(`own Redis at ${run.redis.url}, PostgreSQL at ${run.postgres.url}; folder ${run.root}`);
  const stack = (run.stack = new BenchStack('chaos', { repoRoot: repoRoot(__dirname), databaseUrl: run.postgres.url, redisUrl: run.redis.url, logDir, targetsFile }));
  // The first applies the migrations; the others start together.
  await stack.startCoordinator();
  await Promise.all(Array.from({ length: COORDINATORS - 1 }, () => stack.startCoordinator()));
  const studyIds = await Promise.all(TARGETS.map((target, i) => stack.submit(studySpec({ name: target, target, strategy: 'random', seed: args.seed + i, dimensions: 3, maxTrials, parallelism: PARALLELISM }), stack.coordinators[i % COORDINATORS].url)));
  const rng = new Rng(args.seed);
  const world = (run.world = new ChaosWorld(stack, run.redis, run.postgres, studyIds, TARGETS, path.join(run.root, 'target', 'evaluations'), rng, CONCURRENCY));
  await Promise.all(Array.from({ length: WORKERS }, () => world.startWorker()));
  const kinds = rng.shuffle(Array.from({ length: size.rounds }, () => FAULT_KINDS).flat());
  log(`up after ${elapsed(started)}: ${COORDINATORS} coordinators, ${WORKERS} workers, studies of ${maxTrials} trials on ${TARGETS.join(' and ')}; faults: ${kinds.join(', ')}`);
  const faults = await runFaults(world, kinds, Date.now() + size.faultPhaseMs, log);
  pace(0);
  log(`faults done after ${elapsed(started)}; ${await world.endedCount().catch(() => '?')} of ${TARGETS.length * maxTrials} trials ended; the rest at full speed`);
  const ended = await waitEnded(world);
  log(`studies ${ended ? 'ended' : 'still running'} after ${elapsed(started)}`);
  const checks = [...faultChecks(faults, kinds.length), ...(await studyChecks(stack, studyIds, maxTrials)), { name: 'the studies ended', ok: ended, detail: `still RUNNING after ${END_WAIT_MS / 1000} s` }];
  process.stdout.write(`${faultTable(faults)}\n${checkTable(checks)}\n\n${checks.filter((c) => c.ok).length} of ${checks.length} checks passed in ${elapsed(started)}\n`);
  if (args.json) writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), args, faults, checks, folder: run.root }, null, 1));
  return checks.every((c) => c.ok);
}

/** The chaos target, copied so that its evaluation records land in the run's folder, and the targets file. */
function writeTargets(dir: string): string {
  mkdirSync(dir);
  const objective = path.join(dir, 'chaos-objective.mjs');
  copyFileSync(path.join(repoRoot(__dirname), 'bench', 'chaos', 'fixtures', 'chaos-objective.mjs'), objective);
  const file = path.join(dir, 'targets.yaml');
  const command = JSON.stringify([process.execPath, objective]);
  writeFileSync(file, `targets:\n  - { name: chaos-module, type: module, module: chaos-objective.mjs }\n  - { name: chaos-command, type: command, command: ${command} }\n`);
  return file;
}

async function waitEnded(world: ChaosWorld): Promise<boolean> {
  const deadline = Date.now() + END_WAIT_MS;
  while (Date.now() < deadline) {
    if (!(await world.running().catch(() => true))) return true;
    await sleep(500);
  }
  return false;
}

function faultChecks(faults: readonly FaultResult[], planned: number): Check[] {
  const unrecovered = faults.filter((f) => f.recoveryMs === undefined);
  return [
    { name: 'every planned fault was injected', ok: faults.length === planned && faults.every((f) => !f.error), detail: `${faults.length} of ${planned}; ${faults.filter((f) => f.error).map((f) => `${f.kind}: ${f.error}`).join('; ')}` },
    { name: `every fault recovered within ${GIVE_UP_MS / 1000} s`, ok: unrecovered.length === 0, detail: unrecovered.map((f) => f.kind).join(', ') },
  ];
}

async function studyChecks(stack: BenchStack, ids: readonly string[], maxTrials: number): Promise<Check[]> {
  const checks: Check[] = [];
  for (const id of ids) {
    const [study] = await stack.sql<{ name: string; state: string }>('SELECT name, state FROM studies WHERE id = $1', [id]);
    const trials = await stack.sql<StudyOutcome['trials'][number]>('SELECT number, state, value, metrics FROM trials WHERE study_id = $1', [id]);
    checks.push(...checkStudy({ name: study.name, state: study.state, maxTrials, trials }));
  }
  return checks;
}

async function cleanup(run: Run, keep: boolean): Promise<void> {
  await run.world?.close();
  await run.stack?.close();
  await run.postgres?.close();
  await run.redis?.stop();
  if (keep) log(`data and logs kept in ${run.root}`);
  else rmSync(run.root, { recursive: true, force: true });
}

const args = parseChaosArgs(process.argv.slice(2));
const root = mkdtempSync(path.join(tmpdir(), 'attune-chaos-'));
// PostgreSQL may run as the `postgres` user (when this runs as root): it must reach its folder inside.
chmodSync(root, 0o755);
const run: Run = { root };
let ok = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}, cleaning up`);
    void cleanup(run, true).finally(() => process.exit(130));
  });
}
main(args, run)
  .then((passed) => (ok = passed))
  .catch((e: unknown) => log(`failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`))
  .finally(async () => {
    await cleanup(run, args.keep || !ok);
    process.exitCode = ok ? 0 : 1;
  });
