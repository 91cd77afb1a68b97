import { formatValue } from '@attune/core/text/format-value';
import { KEEP, type PruneDecision, type Pruner, type PrunerContext, type PrunerTrial } from './pruner';
import { percentileOf } from './percentile-of';

export interface PercentileOptions {
  /** Prune when the trial's best loss so far is worse than this percentile (0..100] of the completed trials' losses at the step. */
  readonly percentile: number;
  /** Completed trials needed before any trial is pruned. @default 5 */
  readonly startupTrials: number;
  /** A trial's steps below this are never pruned. @default 0 */
  readonly warmupSteps: number;
  /** Decide only at the first step reported in each interval of this many steps after the warm-up. @default 1 */
  readonly intervalSteps: number;
  /** Completed trials that reported the step itself, needed before a trial is compared at it. @default 1 */
  readonly minTrials: number;
}

/**
 * Optuna's PercentilePruner (and, at 50, its MedianPruner): at step s, the
 * trial's best loss over the steps it reported so far is compared with the
 * percentile of the losses that COMPLETE trials reported at s itself; the
 * trial is pruned when it is worse. Nothing is decided before `startupTrials`
 * trials have completed, below `warmupSteps`, off the interval, or when fewer
 * than `minTrials` completed trials reported step s.
 */
export class PercentilePruner implements Pruner {
  constructor(
    private readonly options: PercentileOptions,
    readonly name: string = 'percentile',
  ) {}

  decide({ trial, others }: PrunerContext): PruneDecision {
    const completed = others.filter((t) => t.state === 'COMPLETE');
    if (completed.length === 0 || completed.length < this.options.startupTrials) return KEEP;
    const last = trial.steps.at(-1);
    if (!last || last.step < this.options.warmupSteps || !this.firstInInterval(trial)) return KEEP;
    const best = bestLossSoFar(trial);
    if (Number.isNaN(best)) return { prune: true, reason: `every loss it reported up to step ${last.step} is not a number` };
    const atStep = lossesAt(completed, last.step);
    if (atStep.length < this.options.minTrials) return KEEP;
    const cut = percentileOf(atStep, this.options.percentile);
    if (Number.isNaN(cut) || !(best > cut)) return KEEP;
    const which = this.options.percentile === 50 ? 'median' : `${formatValue(this.options.percentile)}th percentile`;
    const lossNow = best === last.loss ? `loss ${formatValue(best)} at step ${last.step}` : `best loss ${formatValue(best)} up to step ${last.step}`;
    return { prune: true, reason: `${lossNow} is worse than the ${which} ${formatValue(cut)} of ${atStep.length} completed trials at that step` };
  }

  /** Optuna's _is_first_in_interval_step: no earlier step of the trial lies in the interval the current step starts. */
  private firstInInterval(trial: PrunerTrial): boolean {
    const { warmupSteps, intervalSteps } = this.options;
    const step = trial.steps.at(-1)!.step;
    const intervalStart = Math.floor((step - warmupSteps) / intervalSteps) * intervalSteps + warmupSteps;
    const previous = trial.steps.reduce((max, s) => (s.step !== step && s.step > max ? s.step : max), -1);
    return previous < intervalStart;
  }
}

/** The lowest loss the trial reported (NaN ignored; NaN when all are). */
function bestLossSoFar(trial: PrunerTrial): number {
  return trial.steps.reduce((best, s) => (Number.isNaN(best) || s.loss < best ? s.loss : best), Number.NaN);
}

/** The losses the given trials reported at exactly `step`. */
function lossesAt(trials: readonly PrunerTrial[], step: number): number[] {
  return trials.flatMap((t) => t.steps.filter((s) => s.step === step).map((s) => s.loss));
}
