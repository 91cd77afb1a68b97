import { writeFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { strategyNames } from '@attune/strategies/registry/strategy-registry';
import { parseBenchArgs, type BenchArgs } from './bench-args';
import { LATENCY_HISTORIES, LATENCY_STRATEGIES, measureLatency, type Latency } from './bench-latency';
import { loadProblems, type BenchProblem } from './bench-problems';
import { OptunaReference } from './bench-reference';
import { repoRoot } from './bench-repo-root';
import { MODES, runBenchJob, unsupportedReason, type BenchJob, type BenchResult, type Mode } from './bench-run';
import { latencyTable, problemTable, summarise } from './bench-table';
import { MODEL_PROBLEMS, type ModelProblem } from './model-problems';
import { planModelJobs } from './model-plan';
import { runModelJob, type ModelJob, type ModelResult } from './model-run';
import { modelTable } from './model-table';
import { planNoisyJobs } from './noisy-plan';
import { NOISY_PROBLEM_NAMES, noisyProblems } from './noisy-problems';
import { DEFAULT_VERIFICATION, runNoisyJob, type NoisyJob, type NoisyResult } from './noisy-run';
import { noisyTable } from './noisy-table';

type AnyJob = BenchJob | ModelJob | NoisyJob;
type AnyResult = BenchResult | ModelResult | NoisyResult;
const isModel = (x: AnyJob | AnyResult): x is ModelJob | ModelResult => 'model' in x;
const isNoisy = (x: AnyJob | AnyResult): x is NoisyJob | NoisyResult => 'noisy' in x;
/** How a run is named in progress and error lines: its mode (seq, batch4) or its noisy arm. */
const modeOf = (x: AnyJob | AnyResult) => (isNoisy(x) ? x.arm : isModel(x) ? 'seq' : x.mode);

/** Strategies run first because they are slowest, so the two workers finish together. */
const SLOW_FIRST = ['bayesian', 'auto', 'tpe', 'cmaes'];

function plan(args: BenchArgs, problems: readonly BenchProblem[]): BenchJob[] {
  const known = strategyNames();
  const unknown = (args.strategies ?? []).filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new Error(`unknown strategy ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const strategies = [...(args.strategies ?? known)].sort((a, b) => rank(a) - rank(b));
  const jobs: BenchJob[] = [];
  for (const strategy of strategies) {
    for (const problem of problems) {
      const reason = unsupportedReason(strategy, problem, args.budget);
      if (reason) {
        process.stderr.write(`bench: skipping ${strategy} on ${problem.name}: ${reason}\n`);
        continue;
      }
      for (const mode of Object.keys(MODES) as Mode[])
        for (let seed = 0; seed < args.seeds; seed++) jobs.push({ strategy, problem: problem.name, seed, mode, budget: args.budget });
    }
  }
  return jobs;
}

const rank = (s: string) => (SLOW_FIRST.includes(s) ? SLOW_FIRST.indexOf(s) : SLOW_FIRST.length);

/** Runs the jobs on `workers` worker threads, each taking the next job when it finishes one. */
async function runAll(jobs: readonly AnyJob[], args: BenchArgs): Promise<AnyResult[]> {
  const results: AnyResult[] = [];
  let next = 0;
  const started = Date.now();
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: { problemsFile: args.problemsFile } });
      const feed = () => (next < jobs.length ? worker.postMessage(jobs[next++]) : void worker.terminate().then(() => resolve()));
      worker.on('message', (msg: AnyResult | 'ready') => {
        if (msg !== 'ready') {
          results.push(msg);
          const s = ((Date.now() - started) / 1000).toFixed(0);
          process.stderr.write(`\r[${results.length}/${jobs.length}] ${s}s ${msg.strategy} ${msg.problem} ${modeOf(msg)} seed ${msg.seed}   `);
        }
        feed();
      });
      worker.on('error', reject);
    });
  await Promise.all(Array.from({ length: Math.min(args.workers, jobs.length) }, runWorker));
  process.stderr.write('\n');
  return results;
}

async function workerMain(): Promise<void> {
  const problems = await loadProblems((workerData as { problemsFile: string }).problemsFile);
  const noisy = noisyProblems(problems);
  parentPort!.on('message', (job: AnyJob) => {
    const run = isNoisy(job)
      ? runNoisyJob(job, noisy.find((p) => p.name === job.problem)!)
      : isModel(job)
        ? runModelJob(job, MODEL_PROBLEMS.find((p) => p.name === job.problem)!)
        : runBenchJob(job, problems.find((p) => p.name === job.problem)!);
    run
      .catch((e: unknown): AnyResult => {
        const error = e instanceof Error ? e.message : String(e);
        return isNoisy(job) ? { ...job, seconds: 0, error } : { ...job, regret: {}, seconds: 0, error };
      })
      .then((r) => parentPort!.postMessage(r));
  });
  parentPort!.postMessage('ready');
}

function latencies(args: BenchArgs): Latency[] {
  const wanted = LATENCY_STRATEGIES.filter((s) => strategyNames().includes(s) && (!args.strategies || args.strategies.includes(s)));
  const out: Latency[] = [];
  for (const s of wanted) {
    for (const n of LATENCY_HISTORIES) {
      process.stderr.write(`bench: latency of ${s} with ${n} completed trials\n`);
      out.push(measureLatency(s, n));
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), repoRoot(__dirname));
  const isOwnName = (name: string) => MODEL_PROBLEMS.some((p) => p.name === name) || NOISY_PROBLEM_NAMES.includes(name);
  const wanted = (name: string) => !args.problemsFilter || args.problemsFilter.includes(name);
  const problems = await loadProblems(args.problemsFile, args.problemsFilter?.filter((f) => !isOwnName(f)));
  const modelProblems: ModelProblem[] = MODEL_PROBLEMS.filter((p) => wanted(p.name));
  const noisy = noisyProblems(await loadProblems(args.problemsFile)).filter((p) => wanted(p.name));
  const reference = new OptunaReference(args.referenceFile);
  const model = planModelJobs(args.strategies ?? strategyNames(), modelProblems, args.seeds);
  const verification = { top: args.verifyTop ?? DEFAULT_VERIFICATION.top, repeats: args.verifyRepeats ?? DEFAULT_VERIFICATION.repeats };
  const noisyJobs = planNoisyJobs(args.strategies, noisy, args.seeds, args.budget, verification);
  const jobs: AnyJob[] = [...plan(args, problems), ...model.jobs, ...noisyJobs].sort((a, b) => rank(a.strategy) - rank(b.strategy));
  process.stderr.write(`bench: ${jobs.length} runs on ${args.workers} worker threads (budget ${args.budget}, seeds 0-${args.seeds - 1})\n`);
  const all = await runAll(jobs, args);
  const results = all.filter((r): r is BenchResult => !isModel(r) && !isNoisy(r));
  const modelResults = all.filter(isModel) as ModelResult[];
  const noisyResults = all.filter(isNoisy) as NoisyResult[];
  const summaries = summarise(results);
  for (const p of problems) if (summaries[p.name]) process.stdout.write(problemTable(p.name, p.optimum, summaries[p.name], reference) + '\n');
  for (const p of modelProblems) process.stdout.write(modelTable(p, modelResults, model.skipped.get(p.name)!) + '\n');
  for (const p of noisy) process.stdout.write(noisyTable(p, noisyResults, args.budget, verification) + '\n');
  const latency = args.latency ? latencies(args) : [];
  if (latency.length > 0) process.stdout.write(latencyTable(latency) + '\n');
  for (const r of all.filter((r) => r.error)) process.stderr.write(`bench: ${r.strategy} ${r.problem} ${modeOf(r)} seed ${r.seed} failed: ${r.error}\n`);
  if (args.json) {
    const optuna = Object.fromEntries(problems.map((p) => [p.name, Object.fromEntries((Object.keys(MODES) as Mode[]).map((m) => [m, Object.fromEntries([25, 50, 100].map((c) => [c, reference.best(p.name, m, c)]))]))]));
    writeFileSync(args.json, JSON.stringify({ meta: { budget: args.budget, seeds: args.seeds, date: new Date().toISOString() }, summaries, optunaBest: optuna, model: modelResults, noisy: noisyResults, latency }, null, 1));
    process.stderr.write(`bench: wrote ${args.json}\n`);
  }
}

if (isMainThread) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
} else {
  void workerMain();
}
