import { annealingStrategy } from '../annealing/annealing.strategy';
import { bayesianStrategy } from '../bayesian/bayesian.strategy';
import { geneticStrategy } from '../genetic/genetic.strategy';
import { randomStrategy } from '../random/random.strategy';
import type { StrategyDefinition } from '../strategy';
import { tpeStrategy } from '../tpe/tpe.strategy';

/** Where a member's credit starts before it has any results: a mean reward in (0, 1) worth `weight` results. */
export interface MemberPrior {
  readonly mean: number;
  readonly weight: number;
}

/** One strategy `auto` may choose: a registered definition with fixed options, and its prior credit. */
export interface AutoMember {
  readonly name: string;
  readonly definition: StrategyDefinition<unknown>;
  readonly options: Readonly<Record<string, unknown>>;
  readonly prior: MemberPrior;
}

const member = (name: string, definition: StrategyDefinition<any>, prior: MemberPrior, options: Record<string, unknown> = {}): AutoMember => ({
  name,
  definition: definition as StrategyDefinition<unknown>,
  options,
  prior,
});

/**
 * The strategies `auto` chooses among, in the order they are asked within a
 * batch (so later members see earlier members' proposals as pending).
 * Imported directly, not through the registry (which imports auto: a cycle).
 * The GP members start with the edge (measured: the GP is the best single
 * strategy on most problems); the others have to earn their slots.
 * `bayesian-ucb` allows a second GP acquisition, GP-Hedge style (Hoffman et
 * al. 2011), but is not a default: measured on hartmann6, its refinements near
 * a local optimum earned it most slots and kept runs there.
 */
export const AUTO_MEMBERS: readonly AutoMember[] = [
  member('bayesian', bayesianStrategy, { mean: 0.6, weight: 10 }),
  member('bayesian-ucb', bayesianStrategy, { mean: 0.5, weight: 6 }, { acquisition: 'ucb' }),
  member('tpe', tpeStrategy, { mean: 0.2, weight: 4 }),
  member('annealing', annealingStrategy, { mean: 0.2, weight: 4 }),
  member('genetic', geneticStrategy, { mean: 0.2, weight: 4 }),
  member('random', randomStrategy, { mean: 0.1, weight: 4 }),
];

export const AUTO_MEMBER_NAMES = AUTO_MEMBERS.map((m) => m.name);

/** The members used when a spec lists none. */
export const DEFAULT_AUTO_MEMBERS: readonly string[] = ['bayesian', 'tpe', 'annealing'];
