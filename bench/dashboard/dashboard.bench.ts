import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { commitOf } from '../bench-commit';
import { repoRoot } from '../bench-repo-root';
import { figureTable, type Figure } from '../e2e/e2e-figures';
import { BenchStack, closeAllStacks } from '../e2e/e2e-stack';
import { bundleWeight } from './bundle-weight';
import { checkSeeded } from './check-seeded';
import { launchChromium } from './chromium';
import { parseDashboardArgs, type DashboardArgs } from './dashboard-args';
import { bundleFigures, studyFigures } from './dashboard-figures';
import { singleObjectiveSpec, twoObjectiveSpec } from './dashboard-studies';
import { readEventStream, readTrialPages, type PagesRead, type StreamRead } from './bare-client-reads';
import { coldAndWarmLoads, type LoadSample } from './page-load';
import { seedStudy, type SeedSummary } from './seed-study';

/**
 * `npm run bench:dashboard`: the dashboard's weight, and how fast a study of
 * 10,000 finished trials loads and scrolls in Chromium. A real coordinator
 * (the built bin) on a schema and queue prefix of its own; two studies
 * submitted through its API, their histories then written in bulk with SQL
 * and checked through the API; each study's page loaded `--runs` times with
 * an empty cache and reloaded warm, the trial table scrolled after each load.
 */
const log = (m: string) => process.stderr.write(`bench:dashboard: ${m}\n`);

const STUDIES = [
  { scenario: 'one objective', spec: singleObjectiveSpec, seed: 1 },
  { scenario: 'two objectives', spec: twoObjectiveSpec, seed: 2 },
];

interface StudyRun {
  readonly scenario: string;
  readonly studyId: string;
  readonly seeded: SeedSummary;
  readonly samples: LoadSample[];
  /** The event stream and the trial pages read by a bare client before each run's loads. */
  readonly streamReads: StreamRead[];
  readonly pageReads: PagesRead[];
}

let browser: Browser | undefined;
/** Set on Ctrl-C: what fails after it (the browser closed under a page) is no news. */
let interrupted = false;

async function main(): Promise<void> {
  const args = parseDashboardArgs(process.argv.slice(2));
  const root = repoRoot(__dirname);
  const bundle = bundleWeight(path.join(root, 'dist', 'dashboard'));
  const logDir = mkdtempSync(path.join(tmpdir(), 'attune-bench-dashboard-'));
  const stack = new BenchStack('dashboard', { repoRoot: root, databaseUrl: args.databaseUrl, redisUrl: args.redisUrl, logDir });
  log(`2 studies of ${args.trials} trials, ${args.runs} cold loads and warm reloads each; schema ${stack.schema}; process logs in ${logDir}`);
  await stack.startCoordinator();
  const runs: StudyRun[] = [];
  for (const { scenario, spec, seed } of STUDIES) {
    const studyId = await stack.submit(spec(args.trials));
    const seeded = await seedStudy(args.databaseUrl, stack.schema, studyId, args.trials, seed);
    await checkSeeded(stack.url, studyId, args.trials, seeded);
    log(`${scenario}: study ${studyId}: ${seeded.trials} trials (${seeded.failed} failed), ${seeded.measurements} measurements, ${seeded.events} events, a run of ${seeded.runHours.toFixed(1)} h; checked through the API`);
    runs.push({ scenario, studyId, seeded, samples: [], streamReads: [], pageReads: [] });
  }
  // Playwright's own Ctrl-C handler would exit as soon as the browser is closed, before the schema is dropped: ours closes it.
  browser = await launchChromium({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  for (const run of runs) await measureStudy(browser, stack.url, run, args);
  const figures = [...runs.flatMap((r) => studyFigures(r.scenario, r.samples, r)), ...bundleFigures(bundle)];
  for (const run of runs) process.stdout.write(figureTable(`${run.scenario}: a study of ${run.seeded.trials} trials (${run.samples.length / 2} cold loads, as many warm reloads)`, figures.filter((f) => f.scenario === run.scenario)) + '\n');
  process.stdout.write(figureTable('bundle: dist/dashboard', figures.filter((f) => f.scenario === 'bundle')) + '\n');
  const judged = figures.filter((f) => f.verdict !== 'INFO');
  process.stdout.write(`\n${judged.filter((f) => f.verdict === 'PASS').length} of ${judged.length} targets met\n`);
  if (args.json) writeJson(args, root, { bundle, runs, figures });
}

async function measureStudy(browser: Browser, url: string, run: StudyRun, args: DashboardArgs): Promise<void> {
  for (let i = 1; i <= args.runs; i++) {
    run.pageReads.push(await readTrialPages(url, run.studyId, args.trials));
    run.streamReads.push(await readEventStream(url, run.studyId));
    const [cold, warm] = await coldAndWarmLoads(browser, `${url}/#/studies/${run.studyId}`, args.trials);
    run.samples.push(cold, warm);
    log(`${run.scenario}: run ${i}: cold ${cold.loadMs.toFixed(0)} ms, warm ${warm.loadMs.toFixed(0)} ms (event log replayed by ${cold.streamEndedMs?.toFixed(0) ?? '–'} / ${warm.streamEndedMs?.toFixed(0) ?? '–'} ms)`);
  }
}

function writeJson(args: DashboardArgs, root: string, results: { bundle: unknown; runs: readonly StudyRun[]; figures: readonly Figure[] }): void {
  const meta = { date: new Date().toISOString(), commit: commitOf(root), node: process.version, cpus: cpus().length, chromium: browser?.version(), argv: process.argv.slice(2) };
  writeFileSync(args.json!, JSON.stringify({ meta, ...results }, null, 1));
  log(`wrote ${args.json}`);
}

async function cleanUp(): Promise<void> {
  await browser?.close().catch(() => undefined);
  await closeAllStacks();
}

/** An interrupted run still closes the browser, stops the coordinator and removes its schema and keys. */
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}, cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** So does a crash outside main's promise (stdout closed under it by `| head`, say): the coordinator would outlive the bench. */
process.once('uncaughtException', (e) => {
  try {
    log(`${e.message}; cleaning up`);
  } finally {
    void cleanUp().finally(() => process.exit(1));
  }
});

main()
  .catch((e: unknown) => {
    if (!interrupted) log(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
