import { sampleSd } from '../objective/aggregate-repeats';
import { formatValue } from '../text/format-value';
import { bestSoFar, completedTrials, valueOfLoss, type Best } from './convergence-history';
import type { ImprovementVarianceOptions } from './convergence-spec.schema';
import { GO_ON, stopBy, type ConvergenceContext, type ConvergenceVerdict } from './convergence-verdict';

/**
 * The best has settled: stop when the sample variance of the best-so-far loss
 * over the last `window` completed trials is below `threshold` (in the
 * loss's units, squared). The best-so-far rather than each trial's own loss,
 * so that exploring bad regions does not count as movement; its variance
 * rather than the variance of its steps, so that a best still falling by the
 * same amount every trial (steps of zero variance) does not stop the study.
 * Waits for `minTrials` completed trials, a full window, and a feasible best
 * at the window's start. A Pareto study is refused the rule at submit.
 */
export function improvementVarianceRule(
  ctx: Pick<ConvergenceContext, 'trials' | 'objectives'>,
  options: ImprovementVarianceOptions & { readonly minTrials: number },
): ConvergenceVerdict {
  if (ctx.objectives.kind === 'pareto') return GO_ON;
  const completed = completedTrials(ctx.trials);
  if (completed.length < Math.max(options.minTrials, options.window)) return GO_ON;
  const window = bestSoFar(completed).slice(-options.window);
  if (window.some((b) => b === undefined)) return GO_ON;
  const bests = window as Best[];
  const variance = sampleSd(bests.map((b) => b.loss)) ** 2;
  if (!(variance < options.threshold)) return GO_ON;
  const best = bests[bests.length - 1];
  return stopBy(
    'improvement-variance',
    `the best so far has settled: its variance over the last ${options.window} trials is ${formatValue(variance)}, below ${formatValue(options.threshold)} (best ${formatValue(valueOfLoss(ctx.objectives, best.loss))} at trial ${best.number})`,
  );
}
