import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import type { Strategy } from '../../strategy';

/** What a finished trial reports: its loss or losses, and any constraints, violation and noise. */
export type Measurement = Pick<TrialView, 'loss' | 'losses' | 'constraints' | 'violation' | 'noise'>;

/**
 * A small ask/tell loop for tests: asks `batch` proposals at a time (so that
 * every ask after the first also sees pending trials), then completes them
 * with `measure`, until `trials` trials exist.
 */
export function askTellLoop(strategy: Strategy, space: SearchSpace, seed: number, trials: number, batch: number, measure: (params: Params) => Measurement): TrialView[] {
  const history: TrialView[] = [];
  while (history.length < trials) {
    const proposals = strategy.ask({ space, trials: history, seed, maxTrials: trials }, Math.min(batch, trials - history.length));
    const numbers = proposals.map((p) => history.push({ number: history.length, state: 'RUNNING', params: p.params, meta: p.meta }) - 1);
    for (const n of numbers) history[n] = { ...history[n], state: 'COMPLETE', ...measure(history[n].params) };
  }
  return history;
}
