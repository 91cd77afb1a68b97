import { Rng } from '@attune/core/random/rng';
import type { TrialView } from '@attune/core/trial/trial-view';
import type { AnnealingOptions } from './annealing-options';
import type { CoolingSchedule } from './schedules/cooling-schedule';
import { insertSorted } from '../common/insert-sorted';

const ACCEPT = 0x6163;

/** Where the walk stands after the history: its current state, the best found and the stall count. */
export interface AnnealingState {
  readonly current?: TrialView;
  readonly best?: TrialView;
  readonly stalled: number;
}

/**
 * Replays the Metropolis walk over the history in trial order. Each completed
 * trial was a move from the state current when it was proposed: accepted if
 * better, else with probability exp(−Δ / (spread · T)), the coin drawn from
 * `Rng.derive(seed, trial number)`. The spread is the interquartile range of
 * the losses before that trial, so every decision depends only on the past.
 * Failed and PRUNED trials count as rejected moves (a pruned neighbour was
 * judged worse without a loss to compare), so they add to the stall count
 * towards a restart; pending ones are not known yet.
 */
export function replayAnnealing(
  trials: readonly TrialView[],
  seed: number,
  maxTrials: number,
  options: AnnealingOptions,
  schedule: CoolingSchedule,
): AnnealingState {
  const seen: number[] = [];
  let current: TrialView | undefined;
  let best: TrialView | undefined;
  let stalled = 0;
  for (const t of trials) {
    const loss = t.loss;
    if (t.state !== 'COMPLETE' || loss === undefined || !Number.isFinite(loss)) {
      if (t.state !== 'QUEUED' && t.state !== 'RUNNING') stalled++;
      continue;
    }
    if (!best || loss < (best.loss as number)) {
      best = t;
      stalled = 0;
    } else stalled++;
    if (t.number < options.initialTrials || !current) current = best;
    else if (accepts(loss - (current.loss as number), spread(seen), temperatureAt(t.number, maxTrials, options, schedule), Rng.derive(seed, t.number, ACCEPT))) current = t;
    if (stalled >= options.restartAfter) {
      current = best;
      stalled = 0;
    }
    insertSorted(seen, loss);
  }
  return { current, best, stalled };
}

/** Temperature when trial `number` is proposed. */
export function temperatureAt(number: number, maxTrials: number, options: AnnealingOptions, schedule: CoolingSchedule): number {
  const progress = Math.min(1, Math.max(0, number / Math.max(1, maxTrials)));
  return schedule.temperature(progress, options.initialTemperature, options.finalTemperature);
}

function accepts(delta: number, scale: number, temperature: number, rng: Rng): boolean {
  if (delta <= 0) return true;
  const p = Math.exp(-delta / (scale * temperature));
  return rng.float() < (Number.isFinite(p) ? p : 0);
}

/** Interquartile range of sorted losses; falls back to a tenth of |median|, then to 1. */
function spread(sorted: readonly number[]): number {
  if (sorted.length === 0) return 1;
  const q = (f: number) => sorted[Math.floor(f * (sorted.length - 1))];
  const iqr = q(0.75) - q(0.25);
  if (iqr > 0 && Number.isFinite(iqr)) return iqr;
  const m = Math.abs(q(0.5)) / 10;
  return m > 0 && Number.isFinite(m) ? m : 1;
}
