import { hypervolume } from '@attune/core/pareto/hypervolume';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { randomStrategy } from '../random/random.strategy';
import type { Strategy, StrategyDefinition } from '../strategy';
import { zdt1, type MultiObjectiveProblem } from '../testing/multi-objective-problems';
import { nsga2Strategy } from './nsga2.strategy';

const TRIALS = 100;
const BATCH = 4;
const SEEDS = [1, 2, 3, 4, 5];

/**
 * A small ask/tell loop that fills `losses` from the problem (the in-process
 * engine reports one value per trial): batches of BATCH, so that each ask
 * also sees pending trials.
 */
function run(strategy: Strategy, problem: MultiObjectiveProblem, seed: number): TrialView[] {
  const trials: TrialView[] = [];
  while (trials.length < TRIALS) {
    const proposals = strategy.ask({ space: problem.space, trials, seed, maxTrials: TRIALS }, BATCH);
    const numbers = proposals.map((p) => trials.push({ number: trials.length, state: 'RUNNING', params: p.params, meta: p.meta }) - 1);
    for (const n of numbers) trials[n] = { ...trials[n], state: 'COMPLETE', losses: problem.evaluate(trials[n].params) };
  }
  return trials;
}

function hypervolumeOf(definition: StrategyDefinition<unknown>, problem: MultiObjectiveProblem, seed: number): number {
  const strategy = definition.create(definition.options.parse({}), problem.space);
  return hypervolume(run(strategy, problem, seed).map((t) => t.losses as number[]), problem.reference);
}

describe('nsga2 on ZDT1 (6-D, two objectives)', () => {
  it(`beats random search's hypervolume after ${TRIALS} trials on at least 4 of ${SEEDS.length} seeds`, () => {
    const problem = zdt1(6);
    const results = SEEDS.map((seed) => ({ seed, nsga2: hypervolumeOf(nsga2Strategy, problem, seed), random: hypervolumeOf(randomStrategy, problem, seed) }));
    const wins = results.filter((r) => r.nsga2 > r.random).length;
    expect(wins, JSON.stringify(results)).toBeGreaterThanOrEqual(4);
  });
});
