import { isFeasible } from '../pareto/dominance';
import { completedTrials } from './convergence-history';
import { GO_ON, stopBy, type ConvergenceContext, type ConvergenceVerdict } from './convergence-verdict';

/**
 * The target: stop once a feasible completed trial's improvement over the
 * baseline (as scored, see `ConvergenceTrial.improvement`) reaches
 * `targetImprovement`. That trial's one measurement may be lucky: the stop
 * says so, and the study's verification (re-measuring it against the
 * baseline) confirms it or not. Applies from the first trial on (a goal
 * reached is reached); a Pareto study has no single improvement and is
 * refused the rule at submit, so it never stops by it here.
 */
export function targetImprovementRule(ctx: Pick<ConvergenceContext, 'trials' | 'objectives'>, targetImprovement: number): ConvergenceVerdict {
  if (ctx.objectives.kind === 'pareto') return GO_ON;
  let best: { number: number; improvement: number } | undefined;
  for (const t of completedTrials(ctx.trials)) {
    if (!isFeasible(t) || t.improvement === undefined || !Number.isFinite(t.improvement)) continue;
    if (best === undefined || t.improvement > best.improvement) best = { number: t.number, improvement: t.improvement };
  }
  if (best === undefined || !(best.improvement >= targetImprovement)) return GO_ON;
  return stopBy(
    'target-improvement',
    `trial ${best.number} improves on the baseline by ${percent(best.improvement)}, reaching the target of ${percent(targetImprovement)} (one measurement: verification confirms it or not)`,
  );
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}
