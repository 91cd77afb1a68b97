import { Rng } from '@attune/core/random/rng';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { sampleUniform } from '../common/sample-uniform';
import { MIXED_SPACE, mixedObjective } from '../testing/conformance-fixtures';
import { tpeOptionsSchema } from './tpe-options';
import { TpeStrategy } from './tpe.strategy';

/**
 * Proposals on fixed histories without a PRUNED trial, recorded before TPE
 * learned to rank pruned trials (fixtures/tpe-golden.json): a history without
 * one must be proposed for exactly as before, in every mode TPE has.
 */

/** A history of uniform draws in every state a study without a pruner has: COMPLETE (some NaN), FAILED, TIMED_OUT, CANCELLED, pending. */
function mixedHistory(n: number, seed: number, result: (p: Params, i: number) => Partial<TrialView>): TrialView[] {
  const rng = Rng.derive(seed, 0x901d);
  return Array.from({ length: n }, (_, i): TrialView => {
    const params = sampleUniform(MIXED_SPACE, rng);
    if (i % 7 === 3) return { number: i, state: 'FAILED', params };
    if (i % 11 === 5) return { number: i, state: 'TIMED_OUT', params };
    if (i % 13 === 8) return { number: i, state: 'CANCELLED', params };
    if (i >= n - 2) return { number: i, state: i === n - 1 ? 'QUEUED' : 'RUNNING', params };
    if (i % 17 === 9) return { number: i, state: 'COMPLETE', params, loss: Number.NaN };
    return { number: i, state: 'COMPLETE', params, ...result(params, i) };
  });
}

const single = (p: Params) => ({ loss: mixedObjective(p) });
const constrained = (p: Params) => {
  const slack = (p.x as number) - 1.5;
  return { loss: mixedObjective(p), constraints: [slack], violation: Math.max(slack, 0) };
};
const several = (p: Params) => ({ losses: [mixedObjective(p), ((p.x as number) + 2) ** 2 + (p.mode === 'c' ? 0 : 2)] });
const severalConstrained = (p: Params, i: number) => ({ ...several(p), ...constrained(p), ...(i % 3 === 0 && { constraints: [-0.5, 0.25], violation: 0.25 }) });

/** One ask each: [name, history, options, count]. */
const ASKS: [string, TrialView[], Record<string, unknown>, number][] = [
  ['single, defaults', mixedHistory(40, 1, single), {}, 4],
  ['single, more than 25 results (ramped weights)', mixedHistory(70, 2, single), {}, 3],
  ['single, just past startup', mixedHistory(18, 3, single), {}, 2],
  ['single, independent', mixedHistory(40, 1, single), { multivariate: false }, 3],
  ['single, scott widths', mixedHistory(40, 1, single), { bandwidth: 'scott' }, 3],
  ['single, no constant liar', mixedHistory(40, 1, single), { constantLiar: false }, 3],
  ['single, gamma 0.4, 24 candidates, no clip, prior 2', mixedHistory(40, 4, single), { gamma: 0.4, nEiCandidates: 24, magicClip: false, priorWeight: 2 }, 3],
  ['single, still in startup', mixedHistory(8, 5, single), {}, 3],
  ['constrained', mixedHistory(40, 6, constrained), {}, 3],
  ['constrained, independent', mixedHistory(40, 6, constrained), { multivariate: false }, 2],
  ['several objectives', mixedHistory(40, 7, several), {}, 3],
  ['several objectives, constrained', mixedHistory(40, 8, severalConstrained), {}, 3],
];

/** A whole sequential run and a batched one on the quadratic-like objective: many asks, each seeing the last. */
function run(seed: number, trials: number, batch: number): Params[] {
  const space: SearchSpace = MIXED_SPACE;
  const strategy = new TpeStrategy(space, tpeOptionsSchema.parse({}));
  const history: TrialView[] = [];
  while (history.length < trials) {
    for (const p of strategy.ask({ space, trials: history, seed, maxTrials: trials }, batch)) {
      history.push({ number: history.length, state: 'COMPLETE', params: p.params, loss: mixedObjective(p.params) });
    }
  }
  return history.map((t) => t.params);
}

function recorded(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, trials, options, count] of ASKS) {
    out[name] = new TpeStrategy(MIXED_SPACE, tpeOptionsSchema.parse(options)).ask({ space: MIXED_SPACE, trials, seed: 21, maxTrials: 100 }, count);
  }
  out['sequential run'] = run(31, 36, 1);
  out['batched run'] = run(32, 36, 4);
  return out;
}

describe('tpe without PRUNED trials', () => {
  it('proposes exactly what it proposed before pruned trials were ranked (golden file)', async () => {
    await expect(`${JSON.stringify(recorded(), null, 1)}\n`).toMatchFileSnapshot('./fixtures/tpe-golden.json');
  });
});
