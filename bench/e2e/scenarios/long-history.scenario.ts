import { median, quantile } from '../../bench-stats';
import { figure, type Figure } from '../e2e-figures';
import { epochMs, progress, type Scenario, type ScenarioResult } from '../e2e-scenario';
import { studySpec } from '../e2e-spec';
import { BenchStack, type StackContext } from '../e2e-stack';

const NAME = 'long-history';

const SIZES = {
  full: { maxTrials: 1000, checkpoints: [100, 300, 600, 1000], timeoutMs: 420_000 },
  quick: { maxTrials: 300, checkpoints: [100, 300], timeoutMs: 150_000 },
};
const DIMENSIONS = 8;
/** Each checkpoint is the median over the trials that saw the WINDOW history sizes just below it. */
const WINDOW = 20;

interface TrialTimes {
  readonly number: number;
  readonly created: number;
  readonly ended: number | null;
}

/**
 * One sequential `bayesian` study (parallelism 1, instant evaluations) with a
 * long history: the gap between a trial's end (the worker's clock) and the
 * creation of the next (the insert's clock_timestamp()) is the way back
 * (result job, ingestion, the tick) plus the proposal, and it grows with the
 * history as the proposal does. `cycle` is end to end, evaluation included.
 */
export const longHistoryScenario: Scenario = {
  name: NAME,
  title: 'one long sequential study: the cost of a proposal as history grows',
  async run(ctx: StackContext, quick: boolean): Promise<ScenarioResult> {
    const size = quick ? SIZES.quick : SIZES.full;
    const stack = new BenchStack(NAME, ctx);
    try {
      await stack.startCoordinator();
      await stack.startWorkers(1, 1);
      progress(NAME, `one bayesian study, ${DIMENSIONS} parameters, ${size.maxTrials} trials, parallelism 1`);
      const started = Date.now();
      const id = await stack.submit(studySpec({ name: 'long-history', target: 'bench-instant', strategy: 'bayesian', dimensions: DIMENSIONS, maxTrials: size.maxTrials, parallelism: 1 }));
      const ended = await stack.waitEnded([id], size.timeoutMs);
      const seconds = (Date.now() - started) / 1000;
      const trials = await stack.sql<TrialTimes>(
        `SELECT number, ${epochMs('created_at')} AS created, ${epochMs('ended_at')} AS ended FROM trials WHERE study_id = $1 ORDER BY number`,
        [id],
      );
      const figures: Figure[] = [
        figure(NAME, 'trials recorded', trials.filter((t) => t.ended !== null).length, 'count', undefined, ended ? undefined : `stopped waiting after ${size.timeoutMs / 1000}s`),
        figure(NAME, 'wall time', seconds, 's'),
      ];
      const checkpoints: Record<number, { gapMs?: number; gapP90Ms?: number; cycleMs?: number }> = {};
      for (const h of size.checkpoints) {
        const window = trials.filter((t) => t.number >= Math.max(1, h - WINDOW) && t.number <= Math.min(h, size.maxTrials) - 1);
        const gaps = window.flatMap((t) => timeSincePrevious(trials, t, 'created'));
        const cycles = window.flatMap((t) => timeSincePrevious(trials, t, 'ended'));
        checkpoints[h] = { gapMs: gaps.length ? median(gaps) : undefined, gapP90Ms: gaps.length ? quantile(gaps, 0.9) : undefined, cycleMs: cycles.length ? median(cycles) : undefined };
        figures.push(figure(NAME, `gap end → next created, history ${h}`, checkpoints[h].gapMs, 'ms', undefined, `median of ${gaps.length}`));
        figures.push(figure(NAME, `gap p90, history ${h}`, checkpoints[h].gapP90Ms, 'ms'));
        figures.push(figure(NAME, `cycle end → next end, history ${h}`, checkpoints[h].cycleMs, 'ms', undefined, 'median'));
      }
      return { figures, details: { size, dimensions: DIMENSIONS, window: WINDOW, checkpoints, studyState: ended ? 'ended' : 'running' } };
    } finally {
      await stack.close();
    }
  },
};

/** Milliseconds from the previous trial's end to this trial's `field` (its creation, or its own end). */
function timeSincePrevious(trials: readonly TrialTimes[], t: TrialTimes, field: 'created' | 'ended'): number[] {
  const previous = trials[t.number - 1];
  const at = t[field];
  if (!previous || previous.number !== t.number - 1 || previous.ended === null || at === null) return [];
  return [at - previous.ended];
}
