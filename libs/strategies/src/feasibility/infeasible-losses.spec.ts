import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { cmaesStrategy } from '../cmaes/cmaes.strategy';
import { createStrategy } from '../registry/strategy-registry';
import { TpeStrategy } from '../tpe/tpe.strategy';
import { FeasibilityRankedStrategy } from './feasibility-ranked.strategy';
import { rankInfeasibleBelow } from './infeasible-losses';

const at = (number: number, loss: number | undefined, violation?: number, state: TrialView['state'] = 'COMPLETE'): TrialView => ({
  number,
  state,
  params: { x: number },
  ...(loss === undefined ? {} : { loss }),
  ...(violation === undefined ? {} : { violation }),
});
const losses = (trials: readonly TrialView[]) => trials.map((t) => t.loss);

describe('rankInfeasibleBelow (known answers)', () => {
  it('puts infeasible trials past the worst feasible loss by one span, then by violation × span', () => {
    // Feasible losses 1 and 3: span 2, worst 3. Violations 0.5 and 2 → 3 + 2·1.5 = 6 and 3 + 2·3 = 9.
    const trials = [at(0, 1, 0), at(1, -10, 0.5), at(2, 3, 0), at(3, -20, 2)];
    expect(losses(rankInfeasibleBelow(trials))).toEqual([1, 6, 3, 9]);
  });

  it('uses max(|worst|, 1) as the span when the feasible losses are all equal', () => {
    expect(losses(rankInfeasibleBelow([at(0, 4, 0), at(1, 0, 1)]))).toEqual([4, 4 + 4 * 2]);
    expect(losses(rankInfeasibleBelow([at(0, -0.5, 0), at(1, 0, 0.25)]))).toEqual([-0.5, -0.5 + 1.25]);
  });

  it('orders by violation alone while no trial is feasible', () => {
    expect(losses(rankInfeasibleBelow([at(0, -5, 0.3), at(1, 7, 0.1), at(2, 1, Number.POSITIVE_INFINITY)]))).toEqual([0.3, 0.1, Infinity]);
  });

  it('leaves feasible, pending and failed trials as they are, and a history without infeasible trials unchanged', () => {
    const feasible = at(0, 2, 0);
    const unconstrained = at(1, 5);
    const pending = at(2, undefined, undefined, 'RUNNING');
    const failed = at(3, undefined, undefined, 'FAILED');
    const clean = [feasible, unconstrained, pending, failed];
    expect(rankInfeasibleBelow(clean)).toBe(clean);
    const ranked = rankInfeasibleBelow([...clean, at(4, 0, 1)]);
    clean.forEach((t, i) => expect(ranked[i]).toBe(t));
    // Feasible losses 2 and 5: 5 + 3·(1 + 1).
    expect(ranked[4]).toMatchObject({ number: 4, loss: 11, violation: 1, params: { x: 4 } });
  });
});

describe('strategies without supportsConstraints, built by the registry', () => {
  const space: SearchSpace = [
    { name: 'x', type: 'float', min: 0, max: 1 },
    { name: 'y', type: 'float', min: 0, max: 1 },
  ];
  // The raw loss rewards going out of the feasible disc x² + y² ≤ 0.25.
  const evaluate = (p: TrialView['params'], number: number, meta: TrialView['meta']): TrialView => {
    const r2 = (p.x as number) ** 2 + (p.y as number) ** 2;
    return { number, state: 'COMPLETE', params: p, meta, loss: -r2, violation: Math.max(0, (r2 - 0.25) / 0.25) };
  };

  it('see infeasible trials ranked below feasible ones (cmaes: its next generation follows the transformed losses)', () => {
    const ctx = { space, trials: [] as TrialView[], seed: 3, maxTrials: 50 };
    const wrapped = createStrategy({ name: 'cmaes' }, space);
    const first = wrapped.ask(ctx, 6).map((p, i) => evaluate(p.params, i, p.meta));
    const next = { ...ctx, trials: first };
    const plain = () => cmaesStrategy.create(cmaesStrategy.options.parse({}), space);
    expect(first.some((t) => (t.violation as number) > 0) && first.some((t) => t.violation === 0)).toBe(true);
    const proposals = wrapped.ask(next, 3);
    expect(proposals).toEqual(plain().ask({ ...next, trials: rankInfeasibleBelow(first) }, 3));
    expect(proposals).not.toEqual(plain().ask(next, 3));
  });

  it('keeps the name, and tpe (which weighs constraints) is not wrapped', () => {
    const random = createStrategy({ name: 'random' }, space);
    expect(random).toBeInstanceOf(FeasibilityRankedStrategy);
    expect(random.name).toBe('random');
    expect(createStrategy({ name: 'tpe' }, space)).toBeInstanceOf(TpeStrategy);
  });
});
