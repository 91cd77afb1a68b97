import { atLeast, figure, type Figure } from '../e2e-figures';
import { progress, studyThroughput, type Scenario, type ScenarioResult } from '../e2e-scenario';
import { studySpec } from '../e2e-spec';
import { BenchStack, type StackContext } from '../e2e-stack';

const NAME = 'scaling';

const SIZES = {
  full: { workerCounts: [1, 2, 4, 8], trialsPerWorker: 20 },
  quick: { workerCounts: [1, 2, 4, 8], trialsPerWorker: 8 },
};
/** Speed-up over one worker must reach this fraction of the worker count. */
const EFFICIENCY_TARGET = 0.9;

/**
 * Horizontal scaling: a 200 ms sleep target, W worker processes at
 * concurrency 1 and a `random` study of parallelism W with trialsPerWorker × W
 * trials; throughput (first trial created to last ended) relative to one worker.
 */
export const scalingScenario: Scenario = {
  name: NAME,
  title: 'horizontal scaling: 200 ms target, concurrency 1 per worker, parallelism = workers',
  async run(ctx: StackContext, quick: boolean): Promise<ScenarioResult> {
    const size = quick ? SIZES.quick : SIZES.full;
    const stack = new BenchStack(NAME, ctx);
    const figures: Figure[] = [];
    const runs: Record<number, Awaited<ReturnType<typeof studyThroughput>>> = {};
    try {
      await stack.startCoordinator();
      for (const workers of size.workerCounts) {
        const trials = size.trialsPerWorker * workers;
        progress(NAME, `${workers} worker(s), ${trials} trials`);
        await stack.startWorkers(workers, 1);
        const id = await stack.submit(studySpec({ name: `scaling-${workers}`, target: 'bench-sleep200', strategy: 'random', dimensions: 4, maxTrials: trials, parallelism: workers, seed: workers }));
        const ended = await stack.waitEnded([id], 60_000 + trials * 1000);
        await stack.stopWorkers();
        runs[workers] = await studyThroughput(stack.sql.bind(stack), id);
        const speedUp = ended && runs[1] ? runs[workers].trialsPerSec / runs[1].trialsPerSec : undefined;
        figures.push(figure(NAME, `${workers} worker(s) throughput`, ended ? runs[workers].trialsPerSec : undefined, 'trial/s', undefined, `${runs[workers].complete} trials in ${runs[workers].seconds.toFixed(1)}s`));
        if (workers > 1) figures.push(figure(NAME, `${workers} workers speed-up over 1`, speedUp, '×', atLeast(EFFICIENCY_TARGET * workers)));
      }
      return { figures, details: { size, runs } };
    } finally {
      await stack.close();
    }
  },
};
