import { hypervolume } from '@attune/core/pareto/hypervolume';
import type { TrialView } from '@attune/core/trial/trial-view';
import type { Strategy, StrategyDefinition } from '../strategy';
import { randomStrategy } from '../random/random.strategy';
import type { MultiObjectiveProblem } from './multi-objective-problems';

/**
 * A small ask/tell loop that fills `losses` from the problem (the in-process
 * engine reports one value per trial): batches of `batch`, so that each ask
 * also sees pending trials.
 */
export function runMultiObjective(strategy: Strategy, problem: MultiObjectiveProblem, seed: number, trials: number, batch: number): TrialView[] {
  const history: TrialView[] = [];
  while (history.length < trials) {
    const proposals = strategy.ask({ space: problem.space, trials: history, seed, maxTrials: trials }, batch);
    const numbers = proposals.map((p) => history.push({ number: history.length, state: 'RUNNING', params: p.params, meta: p.meta }) - 1);
    for (const n of numbers) history[n] = { ...history[n], state: 'COMPLETE', losses: problem.evaluate(history[n].params) };
  }
  return history;
}

/** Hypervolume (against the problem's reference) of every trial a strategy with default options runs. */
export function hypervolumeAfter(definition: StrategyDefinition<unknown>, problem: MultiObjectiveProblem, seed: number, trials: number, batch: number): number {
  const strategy = definition.create(definition.options.parse({}), problem.space);
  return hypervolume(runMultiObjective(strategy, problem, seed, trials, batch).map((t) => t.losses as number[]), problem.reference);
}

/** Per seed, the hypervolume a strategy and random search reach on the problem in the same loop. */
export function againstRandom(
  definition: StrategyDefinition<unknown>,
  problem: MultiObjectiveProblem,
  seeds: readonly number[],
  trials: number,
  batch: number,
): { seed: number; strategy: number; random: number }[] {
  return seeds.map((seed) => ({
    seed,
    strategy: hypervolumeAfter(definition, problem, seed, trials, batch),
    random: hypervolumeAfter(randomStrategy, problem, seed, trials, batch),
  }));
}
