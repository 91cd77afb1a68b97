import type { Pruner } from '@attune/strategies/pruners/pruner';
import type { StepHistory } from './step-history';

/** Most steps of one report decided at: a bulk report (a worker catching up) is decided at its last steps only. */
export const MAX_DECISIONS_PER_REPORT = 32;

/** The steps a trial just reported, with their metrics, in rising order. */
export interface ReportedStep {
  readonly step: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/** A decision to prune at a step: the objective there, every value reported there, and the reason as users read it. */
export interface PruneAt {
  readonly step: number;
  readonly value: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly reason: string;
}

/**
 * Asks the pruner at each step the trial just reported that carries the
 * objective, in order, as if each had come alone (Optuna asks after every
 * `report`): the first that prunes is the answer; steps lacking the
 * objective are not decided at. The history must hold the steps (stored,
 * then added or read back).
 */
export function decideReport(history: StepHistory, pruner: Pruner, seed: number, trialId: string, steps: readonly ReportedStep[]): PruneAt | undefined {
  const withObjective = steps.flatMap((s) => {
    const value = history.valueOf(s.metrics);
    return value === undefined ? [] : [{ ...s, value }];
  });
  for (const s of withObjective.slice(-MAX_DECISIONS_PER_REPORT)) {
    const context = history.contextAt(trialId, s.step, seed);
    if (!context) continue;
    const decision = pruner.decide(context);
    if (decision.prune) return { step: s.step, value: s.value, metrics: s.metrics, reason: `pruned at step ${s.step} by ${pruner.name}: ${decision.reason}` };
  }
  return undefined;
}
