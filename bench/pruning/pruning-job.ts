import { prunerFieldSchema } from '@attune/core/pruning/pruner-spec.schema';
import { createPruner } from '@attune/strategies/pruners/create-pruner';
import { FAMILIES, STEPS } from './curve-families';
import { simulateStudy, type SimulationResult } from './simulate-study';

/** The pruners compared with no pruning, each with the spec's defaults (hyperband needs its maxResource). */
export const PRUNER_SPECS: Record<string, unknown> = {
  median: { name: 'median' },
  'successive-halving': { name: 'successive-halving' },
  hyperband: { name: 'hyperband', options: { maxResource: STEPS } },
  wilcoxon: { name: 'wilcoxon' },
};

/** The share of the no-pruning run's steps the target gives ASHA. */
export const TARGET_SHARE = 0.4;

/** One family, sampler and seed: no pruning, then each pruner on the same trial budget and on step budgets. */
export interface PruningJob {
  readonly family: string;
  readonly sampler: string;
  readonly seed: number;
  readonly trials: number;
  readonly pool: number;
  readonly pruners: readonly string[];
}

export interface PrunerRuns {
  /** The same number of trials as the no-pruning run. */
  readonly sameTrials: SimulationResult;
  /** Continued until it has spent the no-pruning run's steps. */
  readonly equalSteps: SimulationResult;
  /** Continued until it has spent TARGET_SHARE of them. */
  readonly targetSteps: SimulationResult;
}

export interface PruningResult extends PruningJob {
  readonly none: SimulationResult;
  readonly runs: Record<string, PrunerRuns>;
  readonly seconds: number;
}

export function runPruningJob(job: PruningJob): PruningResult {
  const started = Date.now();
  const family = FAMILIES.find((f) => f.name === job.family)!;
  const common = { family, sampler: job.sampler, seed: job.seed, workers: job.pool };
  const none = simulateStudy({ ...common, maxTrials: job.trials });
  const runs: Record<string, PrunerRuns> = {};
  for (const name of job.pruners) {
    const pruner = () => createPruner(prunerFieldSchema.parse(PRUNER_SPECS[name]));
    runs[name] = {
      sameTrials: simulateStudy({ ...common, pruner: pruner(), maxTrials: job.trials }),
      equalSteps: simulateStudy({ ...common, pruner: pruner(), maxSteps: none.steps }),
      targetSteps: simulateStudy({ ...common, pruner: pruner(), maxSteps: Math.round(TARGET_SHARE * none.steps) }),
    };
  }
  return { ...job, none, runs, seconds: (Date.now() - started) / 1000 };
}
