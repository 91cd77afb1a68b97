import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { atLeast, figure, type Figure } from '../e2e-figures';
import { progress, studyThroughput, type Scenario, type ScenarioResult } from '../e2e-scenario';
import { studySpec } from '../e2e-spec';
import { BenchStack, type StackContext } from '../e2e-stack';

const NAME = 'throughput';

/** `concurrency` is per worker process, Attune's and the ceiling's alike. */
const SIZES = {
  full: { trials: 5000, concurrency: 32, timeoutMs: 240_000 },
  quick: { trials: 1000, concurrency: 16, timeoutMs: 90_000 },
};
const WORKER_COUNTS = [1, 2, 4];
const PARALLELISM = 256;
/** Attune must reach at least this fraction of the raw-BullMQ ceiling. */
const RATIO_TARGET = 0.5;
const CEILING_SCRIPT = path.resolve(__dirname, '..', 'bullmq-ceiling.js');

interface Ceiling {
  readonly workers: number;
  readonly jobs: number;
  readonly seconds: number;
  readonly jobsPerSec: number;
}

/**
 * Trials per second of one `random` study on a no-op target (parallelism
 * 256), with 1, 2 and 4 worker processes, each beside the raw-BullMQ ceiling
 * (bullmq-ceiling.ts) run just before it with the same worker count and
 * concurrency on the same Redis and PostgreSQL. A warm-up study first starts
 * the workers' evaluator processes (a fraction of a second of CPU each, one per
 * concurrency slot), timed on its own, so the measured study is steady state.
 */
export const throughputScenario: Scenario = {
  name: NAME,
  title: 'throughput: no-op target, random strategy, beside a raw-BullMQ ceiling',
  async run(ctx: StackContext, quick: boolean): Promise<ScenarioResult> {
    const size = quick ? SIZES.quick : SIZES.full;
    const stack = new BenchStack(NAME, ctx);
    const figures: Figure[] = [];
    const runs: Record<number, { ceiling: Ceiling; attune: Awaited<ReturnType<typeof studyThroughput>>; ended: boolean; warmUpSec: number }> = {};
    try {
      await stack.startCoordinator();
      for (const workers of WORKER_COUNTS) {
        progress(NAME, `${workers} worker(s): raw-BullMQ ceiling, ${size.trials} jobs`);
        const ceiling = await runCeiling(ctx, stack, workers, size.trials, size.concurrency);
        progress(NAME, `${workers} worker(s): attune, warm-up, then ${size.trials} trials, parallelism ${PARALLELISM}`);
        await stack.startWorkers(workers, size.concurrency);
        const warmUpSec = await stack.warmUp('bench-noop', workers * size.concurrency);
        const id = await stack.submit(studySpec({ name: `throughput-${workers}`, target: 'bench-noop', strategy: 'random', dimensions: 4, maxTrials: size.trials, parallelism: PARALLELISM, seed: workers }));
        const ended = await stack.waitEnded([id], size.timeoutMs);
        await stack.stopWorkers();
        const attune = await studyThroughput(stack.sql.bind(stack), id);
        runs[workers] = { ceiling, attune, ended, warmUpSec };
        const note = ended ? `${attune.complete} trials in ${attune.seconds.toFixed(1)}s` : `stopped waiting after ${size.timeoutMs / 1000}s (${attune.complete} trials)`;
        figures.push(
          figure(NAME, `attune, ${workers} worker(s)`, ended ? attune.trialsPerSec : undefined, 'trial/s', undefined, note),
          figure(NAME, `raw-BullMQ ceiling, ${workers} worker(s)`, ceiling.jobsPerSec, 'job/s'),
          figure(NAME, `attune warm-up, ${workers} worker(s)`, warmUpSec, 's', undefined, `${2 * workers * size.concurrency} trials on fresh workers (evaluator processes start)`),
          figure(NAME, `attune / ceiling, ${workers} worker(s)`, ended ? attune.trialsPerSec / ceiling.jobsPerSec : undefined, '×', atLeast(RATIO_TARGET)),
        );
      }
      return { figures, details: { size, parallelism: PARALLELISM, runs } };
    } finally {
      await stack.close();
    }
  },
};

async function runCeiling(ctx: StackContext, stack: BenchStack, workers: number, jobs: number, concurrency: number): Promise<Ceiling> {
  const args = ['--workers', workers, '--jobs', jobs, '--concurrency', concurrency, '--redis-url', ctx.redisUrl, '--database-url', ctx.databaseUrl, '--schema', stack.schema, '--prefix', stack.queuePrefix];
  const { stdout } = await promisify(execFile)(process.execPath, [CEILING_SCRIPT, ...args.map(String)], { timeout: 300_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Ceiling;
}
