import { completedTrials, valueOfLoss } from '@attune/core/convergence/convergence-history';
import type { RegretBoundOptions } from '@attune/core/convergence/convergence-spec.schema';
import { GO_ON, stopBy, type ConvergenceContext, type ConvergenceTrial, type ConvergenceVerdict } from '@attune/core/convergence/convergence-verdict';
import type { RegretBoundRule } from '@attune/core/convergence/evaluate-convergence';
import { isFeasible } from '@attune/core/pareto/dominance';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { formatValue } from '@attune/core/text/format-value';
import { EncodedSpace } from '../bayesian/encoded-space';
import { estimateRegretBound, fittedNoiseSd, type RegretObservation } from './regret-bound';

/** How noisy one trial's loss is, and where that figure comes from. */
export interface MeasurementNoise {
  readonly sd: number;
  readonly source: string;
}

/**
 * The model-based rule, in the manner of Optuna's terminator: stop when the
 * GP's bound on the regret left (`estimateRegretBound`) is below the noise of
 * a measurement, i.e. when no trial could still be told apart from the best
 * by measuring it. Optuna compares with the cross-validation error of the best
 * trial; here the noise is the repeats' spread when trials were measured more
 * than once (`TrialView.noise`), else the noise a GP fitted to every
 * feasible trial finds (`fittedNoiseSd`).
 *
 * The GP is fitted on the feasible completed trials only (infeasible losses
 * say nothing about the feasible optimum). Waits for `minTrials` completed
 * trials and two feasible ones; a Pareto study is refused the rule at submit.
 * It costs a GP fit on up to half the history: the driver should call it off
 * the event loop, as it proposes.
 */
export function regretBoundRule(study: { readonly space: SearchSpace; readonly seed: number }): RegretBoundRule {
  const space = new EncodedSpace(study.space);
  return (ctx: ConvergenceContext, options: RegretBoundOptions): ConvergenceVerdict => {
    if (ctx.objectives.kind === 'pareto') return GO_ON;
    const completed = completedTrials(ctx.trials);
    if (completed.length < options.minTrials) return GO_ON;
    const feasible = completed.filter((t) => isFeasible(t) && t.loss !== undefined);
    if (feasible.length < 2) return GO_ON;
    const observations: RegretObservation[] = feasible.map((t) => ({ number: t.number, x: space.encode(t.params), loss: t.loss as number }));
    const estimate = estimateRegretBound(space, observations, { ...options, seed: study.seed });
    const top = estimate.top.map((o) => feasible.find((t) => t.number === o.number) as ConvergenceTrial);
    const noise = repeatsNoise(top) ?? { sd: fittedNoiseSd(space, observations), source: `the noise a GP fitted to all ${observations.length} feasible trials finds` };
    if (!(estimate.regretBound < noise.sd)) return GO_ON;
    const best = estimate.top[0];
    return stopBy(
      'regret-bound',
      `the regret left is at most ${formatValue(estimate.regretBound)} (a GP on the ${estimate.top.length} best trials), below the measurement noise ${formatValue(noise.sd)} (${noise.source}): best ${formatValue(valueOfLoss(ctx.objectives, best.loss))} at trial ${best.number}`,
    );
  };
}

/**
 * The noise of one trial's loss from its repeats: the pooled standard error
 * √(mean of sd²/count) of the top trials measured more than once, the scale of
 * the loss a trial reports (its aggregate of `count` repeats). Undefined when
 * none was.
 */
export function repeatsNoise(top: readonly ConvergenceTrial[]): MeasurementNoise | undefined {
  const repeats = top.flatMap((t) => (t.noise && t.noise.count > 1 && Number.isFinite(t.noise.sd) ? [t.noise] : []));
  if (repeats.length === 0) return undefined;
  const variance = repeats.reduce((sum, { sd, count }) => sum + (sd * sd) / count, 0) / repeats.length;
  return { sd: Math.sqrt(variance), source: `the repeats' standard error, pooled over ${repeats.length} of the best trials` };
}
