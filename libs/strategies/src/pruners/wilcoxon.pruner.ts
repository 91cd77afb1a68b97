import { formatValue } from '@attune/core/text/format-value';
import { KEEP, type PruneDecision, type Pruner, type PrunerContext, type PrunerTrial, type StepLoss } from './pruner';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank';

export interface WilcoxonOptions {
  /** Prune when the one-sided test gives a p-value below this. @default 0.1 */
  readonly pThreshold: number;
  /** Paired steps needed before the test is made. @default 2 */
  readonly startupSteps: number;
}

/**
 * Optuna's WilcoxonPruner, for targets whose steps are repeated measurements
 * of one configuration (instances of a benchmark, say), not a learning
 * curve. The trial's losses are paired with the best COMPLETE trial's at the
 * same step numbers, and a one-sided Wilcoxon signed-rank test (zsplit)
 * asks whether the trial's are greater. It is pruned when the p-value is
 * below `pThreshold`, unless the mean of all its step losses so far is at
 * most the mean of the best trial's: then Optuna keeps it for safety, and so
 * do we. Nothing is pruned before max(2, `startupSteps`) paired steps, nor
 * while the trial's or the best trial's losses include a value that is not
 * finite (Optuna 4's rules).
 */
export class WilcoxonPruner implements Pruner {
  readonly name = 'wilcoxon';

  constructor(private readonly options: WilcoxonOptions) {}

  decide({ trial, others }: PrunerContext): PruneDecision {
    if (trial.steps.length === 0 || !allFinite(trial.steps)) return KEEP;
    const best = bestComplete(others);
    if (!best || best.steps.length === 0 || !allFinite(best.steps)) return KEEP;
    const bestAt = new Map(best.steps.map((s) => [s.step, s.loss]));
    const differences = trial.steps.filter((s) => bestAt.has(s.step)).map((s) => s.loss - bestAt.get(s.step)!);
    // Optuna's: never on fewer than two pairs, whatever startupSteps says.
    if (differences.length < Math.max(2, this.options.startupSteps)) return KEEP;
    const { pValue } = wilcoxonSignedRank(differences);
    if (!(pValue < this.options.pThreshold)) return KEEP;
    const mean = meanLoss(trial.steps);
    const bestMean = meanLoss(best.steps);
    if (bestMean >= mean) return KEEP;
    return {
      prune: true,
      reason:
        `its losses at ${differences.length} steps are worse than those of the best completed trial, trial ${best.number}, at the same steps ` +
        `(one-sided Wilcoxon signed-rank p = ${formatValue(pValue)}, below ${formatValue(this.options.pThreshold)}; its mean loss ${formatValue(mean)} against ${formatValue(bestMean)})`,
    };
  }
}

function meanLoss(steps: readonly StepLoss[]): number {
  return steps.reduce((s, x) => s + x.loss, 0) / steps.length;
}

function allFinite(steps: readonly StepLoss[]): boolean {
  return steps.every((s) => Number.isFinite(s.loss));
}

/** The COMPLETE trial of lowest loss, the earliest on ties (Optuna's best_trial). */
function bestComplete(trials: readonly PrunerTrial[]): PrunerTrial | undefined {
  let best: PrunerTrial | undefined;
  for (const t of trials) if (t.state === 'COMPLETE' && t.loss !== undefined && !Number.isNaN(t.loss) && (!best || t.loss < best.loss!)) best = t;
  return best;
}
