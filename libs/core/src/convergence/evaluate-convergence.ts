import type { ConvergenceOptions, RegretBoundOptions } from './convergence-spec.schema';
import { GO_ON, type ConvergenceContext, type ConvergenceVerdict } from './convergence-verdict';
import { improvementVarianceRule } from './improvement-variance.rule';
import { maxDurationRule } from './max-duration.rule';
import { patienceRule } from './patience.rule';
import { targetImprovementRule } from './target-improvement.rule';

/**
 * The model-based rule, which needs a GP and so lives beside the strategies
 * (`libs/strategies/src/convergence/regret-bound.rule.ts`); core only knows its shape.
 */
export type RegretBoundRule = (ctx: ConvergenceContext, options: RegretBoundOptions) => ConvergenceVerdict;

/**
 * Runs the study's configured convergence rules, in this order, and returns
 * the first stop (or go on when none stops):
 *  1. `max-duration`: the wall-clock budget, from the first trial on;
 *  2. `target-improvement`: a feasible trial reached the target over the
 *     baseline, from the first trial on;
 *  3. `patience`: no improvement beyond `minDelta` in the last `patience`
 *     completed trials, from `minTrials` completed trials on;
 *  4. `improvement-variance`: the best-so-far settled over the last `window`
 *     trials, from max(`minTrials`, `window`) completed trials on;
 *  5. `regret-bound`: a GP's bound on the regret left is below the noise, from
 *     max(`minTrials`, `regretBound.minTrials`) completed trials on.
 * Budgets and goals first, the statistics after, the GP (the only costly
 * rule) last, so that it is fitted only when nothing cheaper already stops the
 * study. "Completed" is COMPLETE with a finite loss (see `completedTrials`).
 *
 * Pure: the same context and options give the same verdict. `regretBound` is
 * the model-based rule (the strategies' `regretBoundRule`); a spec that
 * configures it must be evaluated with it.
 */
export function evaluateConvergence(ctx: ConvergenceContext, options: ConvergenceOptions | undefined, regretBound?: RegretBoundRule): ConvergenceVerdict {
  if (!options) return GO_ON;
  const { maxDurationSec, targetImprovement, patience, minDelta = 0, improvementVariance, regretBound: regretOptions, minTrials } = options;
  if (regretOptions && !regretBound) throw new Error("convergence.regretBound needs the GP: evaluate with the strategies' regretBoundRule");
  const rules: (() => ConvergenceVerdict)[] = [];
  if (maxDurationSec !== undefined) rules.push(() => maxDurationRule(ctx, maxDurationSec));
  if (targetImprovement !== undefined) rules.push(() => targetImprovementRule(ctx, targetImprovement));
  if (patience !== undefined) rules.push(() => patienceRule(ctx, { patience, minDelta, minTrials }));
  if (improvementVariance) rules.push(() => improvementVarianceRule(ctx, { ...improvementVariance, minTrials }));
  if (regretOptions && regretBound) rules.push(() => regretBound(ctx, { ...regretOptions, minTrials: Math.max(minTrials, regretOptions.minTrials) }));
  for (const rule of rules) {
    const verdict = rule();
    if (verdict.stop) return verdict;
  }
  return GO_ON;
}
