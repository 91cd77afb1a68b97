import type { ValidationIssue } from '@attune/core/errors/attune-error';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import type { z } from 'zod';

/**
 * Everything a strategy may look at when it proposes. Strategies are pure
 * functions of this context: the same context gives the same proposals, so a
 * restarted coordinator rebuilds any strategy from the trial history alone.
 */
export interface StrategyContext {
  readonly space: SearchSpace;
  /**
   * Every trial of the study so far, ordered by number: finished ones (COMPLETE
   * with a `loss`, FAILED, ...) and pending ones (QUEUED, RUNNING) that are still
   * on workers. New proposals get numbers `trials.length`, `trials.length + 1`, ...
   */
  readonly trials: readonly TrialView[];
  /** The study's seed. */
  readonly seed: number;
  /** The study's trial budget, for strategies whose schedule depends on it. */
  readonly maxTrials: number;
}

/** One proposed configuration, with anything the strategy wants to find on the trial later. */
export interface Proposal {
  readonly params: Params;
  /** Stored with the trial and handed back in `TrialView.meta` (e.g. which arm or generation). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * An optimiser. `ask` proposes `count` configurations for the next trials,
 * minimising `loss`. "Tell" is the history itself: a finished trial appears in
 * the next context's `trials`. Implementations may keep caches (fitted
 * hyperparameters, say) between calls, but never state that changes proposals.
 */
export interface Strategy {
  readonly name: string;
  ask(ctx: StrategyContext, count: number): Proposal[];
}

/** Proposals per `ask` of a strategy that declares no `maxProposalsPerAsk`: model-based batches cost per point. */
export const DEFAULT_PROPOSALS_PER_ASK = 32;

/** `maxProposalsPerAsk` of strategies whose cost per proposal is a few random draws: as wide as a study may be. */
export const CHEAP_PROPOSALS_PER_ASK = 256;

/** How a strategy is declared in the registry: its options schema and its factory. */
export interface StrategyDefinition<Options = unknown> {
  readonly name: string;
  readonly summary: string;
  /** Validates `strategy.options` of a spec and fills defaults. */
  readonly options: z.ZodType<Options>;
  create(options: Options, space: SearchSpace): Strategy;
  /**
   * Most proposals one `ask` is given (default DEFAULT_PROPOSALS_PER_ASK):
   * a larger refill is split over several calls, so that one study's proposal
   * never holds a thread for long. Strategies whose proposals cost next to
   * nothing, whatever the batch, raise it.
   */
  readonly maxProposalsPerAsk?: number;
  /**
   * The strategy optimises several objectives at once (it reads
   * `TrialView.losses`); a study with several objectives is refused at submit
   * for a strategy without it. @default false
   */
  readonly supportsMultiObjective?: boolean;
  /**
   * The strategy weighs constraints itself (it reads `TrialView.violation`);
   * without it, `createStrategy` hands it the history with infeasible trials'
   * losses made worse than every feasible one's (`rankInfeasibleBelow`). @default false
   */
  readonly supportsConstraints?: boolean;
  /** Problems with this strategy for this space and budget (e.g. a grid too large for maxTrials). */
  check?(options: Options, space: SearchSpace, budget: { maxTrials: number }): ValidationIssue[];
}
