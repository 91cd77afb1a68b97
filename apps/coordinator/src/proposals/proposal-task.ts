import type { ConvergenceOptions, ConvergenceRule } from '@attune/core/convergence/convergence-spec.schema';
import type { ConvergenceContext } from '@attune/core/convergence/convergence-verdict';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import type { ParameterImportance } from '@attune/strategies/importance/parameter-importance';
import type { StrategyRef } from '@attune/strategies/registry/strategy-registry';
import type { Proposal, StrategyContext } from '@attune/strategies/strategy';

/**
 * What the coordinator sends a proposal thread: ask a study's strategy, rank
 * its trials by a model for verification (`rankByPosteriorMean`: a GP fit,
 * a thread's work too), measure its parameters' importance
 * (`parameterImportance`: a GP fit and thousands of its predictions), or drop
 * studies' cached strategies.
 */
export type ProposalTask =
  | {
      readonly kind: 'ask';
      readonly studyId: string;
      readonly strategy: StrategyRef;
      readonly space: SearchSpace;
      readonly context: StrategyContext;
      readonly count: number;
      /** The study's model-based convergence rule, asked before the strategy (it fits a GP: a thread's work). */
      readonly convergence?: { readonly options: ConvergenceOptions; readonly context: ConvergenceContext };
    }
  | { readonly kind: 'rank'; readonly studyId: string; readonly space: SearchSpace; readonly trials: readonly TrialView[]; readonly seed: number }
  | {
      readonly kind: 'importance';
      readonly studyId: string;
      readonly space: SearchSpace;
      readonly trials: readonly TrialView[];
      readonly seed: number;
      /** Index of the objective, for several. */
      readonly objective: number;
    }
  | { readonly kind: 'forget'; readonly studyIds: readonly string[] };

/** What a thread answers. A strategy's own failure is a reply, not a rejection, so its message survives the thread boundary. */
export type ProposalReply =
  | { readonly kind: 'proposals'; readonly proposals: Proposal[]; readonly elapsedMs: number }
  | { readonly kind: 'exhausted'; readonly elapsedMs: number }
  | { readonly kind: 'converged'; readonly rule: ConvergenceRule; readonly reason: string; readonly elapsedMs: number }
  | { readonly kind: 'ranking'; readonly ranking: number[] | null; readonly elapsedMs: number }
  | { readonly kind: 'importance'; readonly importance: ParameterImportance; readonly elapsedMs: number }
  | { readonly kind: 'failed'; readonly message: string; readonly stack?: string }
  | { readonly kind: 'forgotten' };
