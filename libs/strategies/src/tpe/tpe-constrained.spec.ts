import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { randomStrategy } from '../random/random.strategy';
import type { StrategyDefinition } from '../strategy';
import { tpeStrategy } from './tpe.strategy';

const SPACE: SearchSpace = [
  { name: 'x', type: 'float', min: 0, max: 1 },
  { name: 'y', type: 'float', min: 0, max: 1 },
];
const TRIALS = 60;
const SEEDS = [1, 2, 3, 4, 5];

/**
 * Maximise x + y inside the disc of radius 0.2 around (0.2, 0.2), an eighth
 * of the square: the loss pulls towards the infeasible corner (1, 1). The
 * constraint's slack is its relative excess, as `constraintValues` gives it.
 */
function evaluate(p: Params): Pick<TrialView, 'loss' | 'constraints' | 'violation'> {
  const x = p.x as number;
  const y = p.y as number;
  const slack = ((x - 0.2) ** 2 + (y - 0.2) ** 2 - 0.04) / 0.04;
  return { loss: -(x + y), constraints: [slack], violation: Math.max(slack, 0) };
}

function feasibleCount(definition: StrategyDefinition<unknown>, seed: number): number {
  const strategy = definition.create(definition.options.parse({}), SPACE);
  const trials: TrialView[] = [];
  while (trials.length < TRIALS) {
    const [p] = strategy.ask({ space: SPACE, trials, seed, maxTrials: TRIALS }, 1);
    trials.push({ number: trials.length, state: 'COMPLETE', params: p.params, ...evaluate(p.params) });
  }
  return trials.filter((t) => t.violation === 0).length;
}

describe('constrained tpe', () => {
  it(`finds more feasible points than random search in ${TRIALS} trials on every one of ${SEEDS.length} seeds`, () => {
    const results = SEEDS.map((seed) => ({ seed, tpe: feasibleCount(tpeStrategy, seed), random: feasibleCount(randomStrategy, seed) }));
    expect(results.filter((r) => r.tpe > r.random).length, JSON.stringify(results)).toBe(SEEDS.length);
    // Well past random's share (an eighth): the good group is the feasible trials once there are enough.
    expect(results.reduce((s, r) => s + r.tpe, 0), JSON.stringify(results)).toBeGreaterThan(2 * results.reduce((s, r) => s + r.random, 0));
  });
});
