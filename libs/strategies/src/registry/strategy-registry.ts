import { AttuneError, ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { annealingStrategy } from '../annealing/annealing.strategy';
import { autoStrategy } from '../auto/auto.strategy';
import { banditStrategy } from '../bandit/bandit.strategy';
import { bayesianStrategy } from '../bayesian/bayesian.strategy';
import { cmaesStrategy } from '../cmaes/cmaes.strategy';
import { FeasibilityRankedStrategy } from '../feasibility/feasibility-ranked.strategy';
import { geneticStrategy } from '../genetic/genetic.strategy';
import { gridStrategy } from '../grid/grid.strategy';
import { nsga2Strategy } from '../nsga2/nsga2.strategy';
import { randomStrategy } from '../random/random.strategy';
import { tpeStrategy } from '../tpe/tpe.strategy';
import { DEFAULT_PROPOSALS_PER_ASK, type Strategy, type StrategyDefinition } from '../strategy';
import { parseStrategyOptions } from './strategy-options';

/** A strategy as a spec names it. */
export interface StrategyRef {
  readonly name: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

// Registration is explicit: import the definition above and list it here, one line each.
const DEFINITIONS: readonly StrategyDefinition<any>[] = [
  randomStrategy,
  gridStrategy,
  geneticStrategy,
  nsga2Strategy,
  annealingStrategy,
  banditStrategy,
  tpeStrategy,
  cmaesStrategy,
  bayesianStrategy,
  autoStrategy,
];

const registry = new Map(DEFINITIONS.map((d) => [d.name, d]));

/** Names of every registered strategy, in registration order. */
export function strategyNames(): string[] {
  return [...registry.keys()];
}

/** The definition registered under `name`, or undefined. */
export function findStrategyDefinition(name: string): StrategyDefinition<unknown> | undefined {
  return registry.get(name);
}

/** Most proposals one call of the named strategy should make (its `maxProposalsPerAsk`). */
export function proposalsPerAsk(name: string): number {
  return registry.get(name)?.maxProposalsPerAsk ?? DEFAULT_PROPOSALS_PER_ASK;
}

/** What the named strategy can handle beyond one unconstrained objective (false for an unknown name). */
export function strategyCapabilities(name: string): { multiObjective: boolean; constraints: boolean } {
  const definition = registry.get(name);
  return { multiObjective: definition?.supportsMultiObjective ?? false, constraints: definition?.supportsConstraints ?? false };
}

function unknownMessage(name: string): string {
  return `unknown strategy ${JSON.stringify(name)}; known: ${strategyNames().join(', ')}`;
}

/**
 * Validates the options and builds the strategy; one that does not weigh
 * constraints itself (no `supportsConstraints`) sees infeasible trials ranked
 * below feasible ones through their loss (`FeasibilityRankedStrategy`). Throws AttuneError
 * UNKNOWN_STRATEGY for an unknown name, ValidationError for bad options.
 */
export function createStrategy(strategy: StrategyRef, space: SearchSpace): Strategy {
  const definition = registry.get(strategy.name);
  if (!definition) throw new AttuneError('UNKNOWN_STRATEGY', unknownMessage(strategy.name), [{ path: 'strategy.name', message: unknownMessage(strategy.name) }]);
  const parsed = parseStrategyOptions(definition, strategy.options);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const created = definition.create(parsed.options, space);
  // The others rank infeasible trials below feasible ones: they see that in the losses.
  return definition.supportsConstraints ? created : new FeasibilityRankedStrategy(created);
}

/** Options of a known strategy with defaults applied, or the problems found. */
export function resolveStrategyOptions(strategy: StrategyRef): { options?: Record<string, unknown>; issues: ValidationIssue[] } {
  const definition = registry.get(strategy.name);
  if (!definition) return { issues: [{ path: 'strategy.name', message: unknownMessage(strategy.name) }] };
  const parsed = parseStrategyOptions(definition, strategy.options);
  return parsed.ok ? { options: parsed.options as Record<string, unknown>, issues: [] } : { issues: parsed.issues };
}

/**
 * Every problem with a strategy for this space and budget: unknown name, bad
 * or unknown options, then the definition's own check (e.g. a grid too large).
 */
export function checkStrategy(strategy: StrategyRef, space: SearchSpace, budget: { maxTrials: number }): ValidationIssue[] {
  const definition = registry.get(strategy.name);
  if (!definition) return [{ path: 'strategy.name', message: unknownMessage(strategy.name) }];
  const parsed = parseStrategyOptions(definition, strategy.options);
  if (!parsed.ok) return parsed.issues;
  return definition.check?.(parsed.options, space, budget) ?? [];
}
