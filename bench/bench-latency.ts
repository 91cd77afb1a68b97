import { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { createStrategy } from '@attune/strategies/registry/strategy-registry';
import { quantile } from './bench-stats';

export const LATENCY_STRATEGIES = ['bayesian', 'tpe'] as const;
export const LATENCY_HISTORIES = [100, 300, 1000] as const;
/** Proposals timed per history size (the first, which fills caches, included). */
const ASKS = 10;

const SPACE_10D: SearchSpace = Array.from({ length: 10 }, (_, i) => ({ name: `x${i}`, type: 'float' as const, min: -5, max: 5 }));

/** p50 and p90 milliseconds of one `ask(1)`. */
export interface Latency {
  readonly strategy: string;
  readonly completed: number;
  readonly p50: number;
  readonly p90: number;
}

/**
 * Times `ask(1)` with `completed` finished trials in a 10-D space (a shifted
 * sphere plus a ripple), as a coordinator would: one strategy instance, the
 * history growing by one told trial between proposals.
 */
export function measureLatency(strategy: string, completed: number, seed = 0): Latency {
  const rng = Rng.derive(seed, completed);
  const loss = (x: number[]) => x.reduce((s, v, i) => s + (v - i / 5) ** 2 + Math.sin(3 * v), 0);
  const trials: TrialView[] = [];
  const add = (params: Record<string, number>) => {
    trials.push({ number: trials.length, state: 'COMPLETE', params, loss: loss(SPACE_10D.map((p) => params[p.name])) });
  };
  for (let i = 0; i < completed; i++) add(Object.fromEntries(SPACE_10D.map((p) => [p.name, rng.uniform(-5, 5)])));
  const instance = createStrategy({ name: strategy, options: {} }, SPACE_10D);
  const times: number[] = [];
  for (let i = 0; i < ASKS; i++) {
    const t = process.hrtime.bigint();
    const [proposal] = instance.ask({ space: SPACE_10D, trials, seed, maxTrials: completed + ASKS + 1 }, 1);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    add(proposal.params as Record<string, number>);
  }
  return { strategy, completed, p50: quantile(times, 0.5), p90: quantile(times, 0.9) };
}
