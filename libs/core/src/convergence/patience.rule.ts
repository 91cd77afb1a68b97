import { dominates, isFeasible } from '../pareto/dominance';
import { objectiveLosses } from '../pareto/pareto-front';
import { formatValue } from '../text/format-value';
import { plural } from '../text/plural';
import { completedTrials, valueOfLoss } from './convergence-history';
import { GO_ON, stopBy, type ConvergenceContext, type ConvergenceTrial, type ConvergenceVerdict } from './convergence-verdict';

/** Options of {@link patienceRule}. */
export interface PatienceOptions {
  /** Completed trials without an improvement that stop the study. */
  readonly patience: number;
  /** How much below the reference best a loss must be to count as an improvement. @default 0 */
  readonly minDelta: number;
  /** Completed trials before the rule applies. */
  readonly minTrials: number;
}

/**
 * No improvement: stop when none of the last `patience` completed trials
 * improved on the best by more than `minDelta`. As Keras' EarlyStopping does,
 * the reference best moves only on an improvement that counts, so that many
 * small gains add up against it instead of creeping (a trial 0.004 better,
 * then another 0.004, then 0.004 more, resets a minDelta of 0.01 on the
 * third). Infeasible trials count as trials that did not improve; with no
 * feasible trial yet there is no best, and the rule waits.
 *
 * A Pareto study has no single best: an improvement is a feasible trial that
 * joins the front (no earlier feasible trial dominates or equals it), and
 * `minDelta` is refused at submit.
 */
export function patienceRule(ctx: Pick<ConvergenceContext, 'trials' | 'objectives'>, options: PatienceOptions): ConvergenceVerdict {
  const completed = completedTrials(ctx.trials);
  if (completed.length < options.minTrials) return GO_ON;
  const trialsSince = (index: number) => completed.length - 1 - index;
  if (ctx.objectives.kind === 'pareto') {
    const index = lastFrontEntry(completed);
    if (index === undefined || trialsSince(index) < options.patience) return GO_ON;
    return stopBy('patience', `no trial joined the Pareto front in the last ${plural(trialsSince(index), 'trial')} (it last grew at trial ${completed[index].number})`);
  }
  const last = lastImprovement(completed, options.minDelta);
  if (last === undefined || trialsSince(last.index) < options.patience) return GO_ON;
  const improvement = options.minDelta > 0 ? `no improvement beyond ${formatValue(options.minDelta)}` : 'no improvement';
  const best = `best ${formatValue(valueOfLoss(ctx.objectives, last.loss))} since trial ${completed[last.index].number}`;
  return stopBy('patience', `${improvement} in the last ${plural(trialsSince(last.index), 'trial')} (${best})`);
}

/** The position of the last completed trial that improved on the reference best by more than minDelta, and that best. */
function lastImprovement(completed: readonly ConvergenceTrial[], minDelta: number): { index: number; loss: number } | undefined {
  let last: { index: number; loss: number } | undefined;
  completed.forEach((t, index) => {
    if (!isFeasible(t) || t.loss === undefined) return;
    if (last === undefined || t.loss < last.loss - minDelta) last = { index, loss: t.loss };
  });
  return last;
}

/** The position of the last completed feasible trial that no earlier feasible one dominates or equals. */
function lastFrontEntry(completed: readonly ConvergenceTrial[]): number | undefined {
  const seen: (readonly number[])[] = [];
  let last: number | undefined;
  completed.forEach((t, index) => {
    const losses = objectiveLosses(t);
    if (!isFeasible(t) || !losses) return;
    if (!seen.some((s) => dominates(s, losses) || sameLosses(s, losses))) last = index;
    seen.push(losses);
  });
  return last;
}

function sameLosses(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
