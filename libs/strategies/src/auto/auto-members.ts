import { annealingStrategy } from '../annealing/annealing.strategy';
import { bayesianStrategy } from '../bayesian/bayesian.strategy';
import { geneticStrategy } from '../genetic/genetic.strategy';
import { randomStrategy } from '../random/random.strategy';
import type { StrategyDefinition } from '../strategy';
import { tpeStrategy } from '../tpe/tpe.strategy';

/**
 * The strategies `auto` chooses among, in the order it first tries them.
 * Imported directly, not through the registry (which imports auto: a cycle).
 * Extend this list as strategies land.
 */
export const AUTO_MEMBER_DEFINITIONS: readonly StrategyDefinition<unknown>[] = [
  bayesianStrategy as StrategyDefinition<unknown>,
  tpeStrategy as StrategyDefinition<unknown>,
  geneticStrategy as StrategyDefinition<unknown>,
  annealingStrategy as StrategyDefinition<unknown>,
  randomStrategy as StrategyDefinition<unknown>,
];

export const AUTO_MEMBER_NAMES = AUTO_MEMBER_DEFINITIONS.map((d) => d.name);
