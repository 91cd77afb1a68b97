import { atLeast, figure, type Figure } from '../e2e-figures';
import { progress, studyThroughput, type Scenario, type ScenarioResult } from '../e2e-scenario';
import { studySpec } from '../e2e-spec';
import { BenchStack, type StackContext } from '../e2e-stack';
import { startOtlpSink } from '../otlp-sink';

const NAME = 'tracing';

const SIZES = {
  full: { trials: 1500, rounds: 4, concurrency: 16 },
  quick: { trials: 500, rounds: 2, concurrency: 8 },
};
const PARALLELISM = 64;
/** Throughput with tracing must stay at or above this fraction of throughput without. */
const RATIO_TARGET = 0.9;

type Throughput = Awaited<ReturnType<typeof studyThroughput>>;

/**
 * The cost of tracing: the same workload (a `random` study on the no-op
 * target, one worker) on two stacks side by side, one with its processes
 * exporting to a local OTLP/HTTP receiver (every trial sampled), one with no
 * endpoint at all. Studies alternate between them, the order swapped every
 * round (off, on, on, off, …), so that drift of the machine weighs on both
 * alike; throughput is each side's trials over its studies' summed wall time.
 */
export const tracingScenario: Scenario = {
  name: NAME,
  title: 'tracing cost: trials/s exporting spans to a local OTLP receiver against no endpoint, interleaved',
  async run(ctx: StackContext, quick: boolean): Promise<ScenarioResult> {
    const size = quick ? SIZES.quick : SIZES.full;
    const sink = await startOtlpSink();
    const stacks = { off: new BenchStack(`${NAME}-off`, ctx), on: new BenchStack(`${NAME}-on`, ctx, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url }) };
    const runs: { side: 'off' | 'on'; round: number; throughput: Throughput }[] = [];
    try {
      for (const stack of Object.values(stacks)) {
        await stack.startCoordinator();
        await stack.startWorkers(1, size.concurrency);
        await stack.warmUp('bench-noop', size.concurrency);
      }
      for (let round = 0; round < size.rounds; round++) {
        for (const side of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
          progress(NAME, `round ${round + 1}/${size.rounds}, tracing ${side}: ${size.trials} trials`);
          const stack = stacks[side];
          const id = await stack.submit(studySpec({ name: `tracing-${side}-${round}`, target: 'bench-noop', strategy: 'random', dimensions: 4, maxTrials: size.trials, parallelism: PARALLELISM, seed: round }));
          if (!(await stack.waitEnded([id], 120_000))) throw new Error(`the study with tracing ${side} did not end within 120s`);
          runs.push({ side, round, throughput: await studyThroughput(stack.sql.bind(stack), id) });
        }
      }
      const exported = sink.exports.filter((e) => e.path === '/v1/traces');
      const spans = tally(exported.map((e) => e.spans ?? {}));
      const traced = runs.filter((r) => r.side === 'on').reduce((n, r) => n + r.throughput.complete, 0) + size.concurrency;
      const exportNote = `${exported.length} exports, ${(exported.reduce((n, e) => n + e.bytes, 0) / 1e6).toFixed(1)} MB, ${(Object.values(spans).reduce((a, b) => a + b, 0) / traced).toFixed(0)} spans per trial`;
      return { figures: tracingFigures(runs, exportNote), details: { size, parallelism: PARALLELISM, runs, spansByName: spans } };
    } finally {
      await Promise.allSettled(Object.values(stacks).map((s) => s.close()));
      await sink.close();
    }
  },
};

function tally(counts: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const c of counts) for (const [name, n] of Object.entries(c)) total[name] = (total[name] ?? 0) + n;
  return Object.fromEntries(Object.entries(total).sort((a, b) => b[1] - a[1]));
}

function tracingFigures(runs: readonly { side: 'off' | 'on'; throughput: Throughput }[], exportNote: string): Figure[] {
  const rate = (side: 'off' | 'on') => {
    const mine = runs.filter((r) => r.side === side).map((r) => r.throughput);
    return { perSec: mine.reduce((n, t) => n + t.complete, 0) / mine.reduce((s, t) => s + t.seconds, 0), each: mine.map((t) => t.trialsPerSec.toFixed(0)).join(' / ') };
  };
  const off = rate('off');
  const on = rate('on');
  return [
    figure(NAME, 'trials/s, no endpoint', off.perSec, 'trial/s', undefined, `studies: ${off.each}`),
    figure(NAME, 'trials/s, exporting to a local receiver', on.perSec, 'trial/s', undefined, `studies: ${on.each}; ${exportNote}`),
    figure(NAME, 'traced / untraced', on.perSec / off.perSec, '×', atLeast(RATIO_TARGET), 'at most 10% lower'),
  ];
}
