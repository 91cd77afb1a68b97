import { median } from '../../bench-stats';
import { atLeast, atMost, figure, type Figure } from '../e2e-figures';
import { EndpointSampler, type LatencySummary } from '../e2e-sampler';
import { progress, rssOf, type Scenario, type ScenarioResult } from '../e2e-scenario';
import { studySpec } from '../e2e-spec';
import { BenchStack, type StackContext } from '../e2e-stack';

const NAME = 'many-studies';

const SIZES = {
  full: { studies: 50, maxTrials: 40, concurrency: 100, timeoutMs: 360_000 },
  quick: { studies: 20, maxTrials: 40, concurrency: 40, timeoutMs: 90_000 },
};
const PARALLELISM = 4;
const DIMENSIONS = 6;
const WORKERS = 2;
/** The coordinator's /health reports its event loop over the last 5–10 s: one reading per 5 s. */
const EVENT_LOOP_READING_MS = 5000;

interface EventLoopReading {
  readonly at: number;
  readonly windowSec: number;
  readonly delayP50Ms: number;
  readonly delayP99Ms: number;
  readonly delayMaxMs: number;
}

/**
 * Many `bayesian` studies at once (6 parameters, parallelism 4, 100 ms
 * evaluations, 2 worker processes): does every study complete, and does the
 * coordinator stay responsive meanwhile (/health and GET /studies sampled
 * every 100 ms, its event-loop delay as its own /health reports it)? The
 * workers' evaluator processes are started by a warm-up study first, so that
 * their start-up does not take the coordinator's CPU during the measurement.
 */
export const manyStudiesScenario: Scenario = {
  name: NAME,
  title: 'many studies at once',
  async run(ctx: StackContext, quick: boolean): Promise<ScenarioResult> {
    const size = quick ? SIZES.quick : SIZES.full;
    const stack = new BenchStack(NAME, ctx);
    try {
      const coordinator = await stack.startCoordinator();
      await stack.startWorkers(WORKERS, size.concurrency);
      progress(NAME, `warm-up: starting the workers' ${WORKERS * size.concurrency} evaluator processes`);
      const warmUpSec = await stack.warmUp('bench-sleep100', WORKERS * size.concurrency);
      const loop: EventLoopReading[] = [];
      let started = Infinity;
      // Only windows that began once the studies were submitted: not the warm-up's.
      const onHealth = (body: unknown, at: number) => {
        const reading = (body as { info?: { eventLoop?: EventLoopReading } }).info?.eventLoop;
        if (!reading || at - reading.windowSec * 1000 < started) return;
        if (loop.length === 0 || at - loop[loop.length - 1].at >= EVENT_LOOP_READING_MS) loop.push({ ...reading, at });
      };
      const samplers = [new EndpointSampler(stack.url, '/health', onHealth), new EndpointSampler(stack.url, '/studies')];
      samplers.forEach((s) => s.start());
      started = Date.now();
      progress(NAME, `${size.studies} bayesian studies × ${size.maxTrials} trials, parallelism ${PARALLELISM}, ${WORKERS} workers × concurrency ${size.concurrency}`);
      const ids = await Promise.all(
        Array.from({ length: size.studies }, (_, i) =>
          stack.submit(studySpec({ name: `many-${i}`, target: 'bench-sleep100', strategy: 'bayesian', seed: i, dimensions: DIMENSIONS, maxTrials: size.maxTrials, parallelism: PARALLELISM })),
        ),
      );
      const ended = await stack.waitEnded(ids, size.timeoutMs);
      const seconds = (Date.now() - started) / 1000;
      const [health, studies] = samplers.map((s) => s.stop());
      const rss = rssOf(coordinator.proc.pid);
      const rows = await stack.sql<{ state: string; complete: number }>(
        `SELECT s.state, count(t.id) FILTER (WHERE t.state = 'COMPLETE')::int AS complete
           FROM studies s LEFT JOIN trials t ON t.study_id = s.id WHERE s.id = ANY($1) GROUP BY s.id`,
        [ids],
      );
      const completed = rows.filter((r) => r.state === 'COMPLETE' && r.complete === size.maxTrials).length;
      const trials = rows.reduce((n, r) => n + r.complete, 0);
      const figures: Figure[] = [
        figure(NAME, `studies COMPLETE with ${size.maxTrials} trials`, completed, 'count', atLeast(size.studies), ended ? undefined : `stopped waiting after ${size.timeoutMs / 1000}s`),
        figure(NAME, 'wall time', seconds, 's', undefined, `after a ${warmUpSec.toFixed(0)}s warm-up of the workers`),
        figure(NAME, 'trials completed per second', trials / seconds, '1/s'),
        ...latencyFigures(health, 50),
        ...latencyFigures(studies, 100),
        figure(NAME, 'event-loop delay p99, worst 5-10 s window', max(loop.map((l) => l.delayP99Ms)), 'ms', atMost(20), `${loop.length} windows`),
        figure(NAME, 'event-loop delay p99, median window', loop.length ? median(loop.map((l) => l.delayP99Ms)) : undefined, 'ms'),
        figure(NAME, 'event-loop delay max', max(loop.map((l) => l.delayMaxMs)), 'ms'),
        figure(NAME, 'coordinator RSS at the end', rss?.rssMb, 'MB'),
        figure(NAME, 'coordinator RSS peak (VmHWM)', rss?.peakMb, 'MB'),
      ];
      return { figures, details: { size, warmUpSec, parallelism: PARALLELISM, dimensions: DIMENSIONS, workers: WORKERS, studies: rows, latency: { health, studies }, eventLoop: loop, rss } };
    } finally {
      await stack.close();
    }
  },
};

function latencyFigures(l: LatencySummary, p99TargetMs: number): Figure[] {
  const note = `${l.requests} requests${l.errors ? `, ${l.errors} errors` : ''}${l.skipped ? `, ${l.skipped} ticks skipped with 200 waiting` : ''}`;
  return [
    figure(NAME, `GET ${l.path} p50`, l.p50Ms, 'ms'),
    figure(NAME, `GET ${l.path} p99`, l.p99Ms, 'ms', atMost(p99TargetMs), note),
    figure(NAME, `GET ${l.path} max`, l.maxMs, 'ms'),
  ];
}

const max = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : undefined);
