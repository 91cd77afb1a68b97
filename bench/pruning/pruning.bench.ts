import { writeFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { commitOf } from '../bench-commit';
import { repoRoot } from '../bench-repo-root';
import { FAMILIES } from './curve-families';
import { parsePruningArgs, type PruningArgs } from './pruning-args';
import { PRUNER_SPECS, runPruningJob, type PruningJob, type PruningResult } from './pruning-job';
import { figuresOf, groupTable } from './pruning-table';

function plan(args: PruningArgs): PruningJob[] {
  const pruners = args.pruners ?? Object.keys(PRUNER_SPECS);
  const unknown = pruners.filter((p) => !(p in PRUNER_SPECS));
  if (unknown.length > 0) throw new Error(`unknown pruner ${unknown.join(', ')}; known: ${Object.keys(PRUNER_SPECS).join(', ')}`);
  const families = FAMILIES.filter((f) => !args.families || args.families.includes(f.name));
  const jobs: PruningJob[] = [];
  // tpe first: its runs are the slow ones, so the threads finish together.
  for (const sampler of [...args.samplers].sort((a, b) => Number(b === 'tpe') - Number(a === 'tpe')))
    for (const family of families) for (let seed = 0; seed < args.seeds; seed++) jobs.push({ family: family.name, sampler, seed, trials: args.trials, pool: args.pool, pruners });
  return jobs;
}

/** Runs the jobs on worker threads, each taking the next job when it finishes one. */
async function runAll(jobs: readonly PruningJob[], threads: number): Promise<PruningResult[]> {
  const results: PruningResult[] = [];
  let next = 0;
  const started = Date.now();
  const runThread = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(__filename);
      const feed = () => (next < jobs.length ? worker.postMessage(jobs[next++]) : void worker.terminate().then(() => resolve()));
      worker.on('message', (msg: PruningResult | 'ready') => {
        if (msg !== 'ready') {
          results.push(msg);
          process.stderr.write(`\r[${results.length}/${jobs.length}] ${((Date.now() - started) / 1000).toFixed(0)}s ${msg.family} ${msg.sampler} seed ${msg.seed}   `);
        }
        feed();
      });
      worker.on('error', reject);
    });
  await Promise.all(Array.from({ length: Math.min(threads, jobs.length) }, runThread));
  process.stderr.write('\n');
  return results.sort((a, b) => a.family.localeCompare(b.family) || a.sampler.localeCompare(b.sampler) || a.seed - b.seed);
}

async function main(): Promise<void> {
  const args = parsePruningArgs(process.argv.slice(2));
  const results = await runAll(plan(args), args.threads);
  const figures = figuresOf(results);
  process.stdout.write(`pruning benchmark: ${args.pool} simulated workers, pruners with the spec's defaults (hyperband maxResource 50)\n\n`);
  for (const g of figures) process.stdout.write(`${groupTable(g, args.trials)}\n\n`);
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify({ commit: commitOf(repoRoot(__dirname)), args, figures, results }, null, 1)}\n`);
    process.stderr.write(`wrote ${args.json}\n`);
  }
}

if (isMainThread) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
} else {
  parentPort!.on('message', (job: PruningJob) => parentPort!.postMessage(runPruningJob(job)));
  parentPort!.postMessage('ready');
}
