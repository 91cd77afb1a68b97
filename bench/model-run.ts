import { normalizeObjectives } from '@attune/core/objective/normalize-objectives';
import { parseObjectiveSpec } from '@attune/core/objective/parse-objective-spec';
import { hypervolume } from '@attune/core/pareto/hypervolume';
import { runOptimization, type InProcessTrial } from '@attune/strategies/engine/in-process-study';
import type { ModelProblem } from './model-problems';

/** Constrained problems are judged at this many trials (the target: within 1% in at most 50). */
export const CONSTRAINED_BUDGET = 50;
/** How close to the constrained optimum counts as reaching it, relative to its size. */
export const OPTIMUM_TOLERANCE = 0.01;
export const PARETO_CHECKPOINTS = [50, 100] as const;

/** One run of a strategy on a measurement-model problem (sequential, ask 1 tell 1). */
export interface ModelJob {
  readonly model: true;
  readonly strategy: string;
  readonly problem: string;
  readonly seed: number;
  readonly budget: number;
}

export interface ModelResult extends ModelJob {
  /** Constrained: the best feasible value within the budget, when a trial was feasible. */
  readonly bestFeasible?: number;
  /** Constrained: a feasible value within OPTIMUM_TOLERANCE of the optimum was reached. */
  readonly reached?: boolean;
  /** Pareto: hypervolume of the feasible front of the first n trials, as a fraction of the true front's, by checkpoint. */
  readonly hypervolume?: Record<string, number>;
  readonly seconds: number;
  readonly error?: string;
}

/** Runs one job through the in-process engine with the problem's measurement model. */
export async function runModelJob(job: ModelJob, problem: ModelProblem): Promise<ModelResult> {
  const started = process.hrtime.bigint();
  const result = await runOptimization({
    space: problem.parameters,
    objectives: normalizeObjectives(parseObjectiveSpec(problem.spec)),
    evaluate: (params) => problem.evaluate(params),
    strategy: { name: job.strategy, options: {} },
    seed: job.seed,
    trials: job.budget,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const feasible = result.trials.filter((t) => t.state === 'COMPLETE' && t.score!.feasible);
  if (problem.kind === 'constrained') {
    const values = feasible.map((t) => t.value!);
    const bestFeasible = values.length > 0 ? Math.min(...values) : undefined;
    const reached = bestFeasible !== undefined && bestFeasible <= problem.optimum + OPTIMUM_TOLERANCE * Math.abs(problem.optimum);
    return { ...job, ...(bestFeasible !== undefined && { bestFeasible }), reached, seconds };
  }
  const hv: Record<string, number> = {};
  for (const n of PARETO_CHECKPOINTS.filter((c) => c <= job.budget)) hv[n] = hypervolumeFraction(feasible.filter((t) => t.number < n), problem.reference, problem.trueHypervolume);
  return { ...job, hypervolume: hv, seconds };
}

function hypervolumeFraction(trials: readonly InProcessTrial[], reference: readonly number[], truth: number): number {
  return hypervolume(trials.map((t) => t.score!.losses!), reference) / truth;
}
