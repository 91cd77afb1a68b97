import type { ConvergenceOptions } from '@attune/core/convergence/convergence-spec.schema';
import type { ConvergenceContext, ConvergenceVerdict } from '@attune/core/convergence/convergence-verdict';
import { evaluateConvergence } from '@attune/core/convergence/evaluate-convergence';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { regretBoundRule } from './regret-bound.rule';

/**
 * `evaluateConvergence` with the model-based rule wired in: what the driver
 * (and the in-process engine) call after each result. `space` and `seed` are
 * the study's (the regret bound encodes trials in the space and seeds its
 * random search with the seed).
 */
export function evaluateStudyConvergence(
  ctx: ConvergenceContext,
  options: ConvergenceOptions | undefined,
  study: { readonly space: SearchSpace; readonly seed: number },
): ConvergenceVerdict {
  return evaluateConvergence(ctx, options, options?.regretBound ? regretBoundRule(study) : undefined);
}
