import { checkStrategy } from '@attune/strategies/registry/strategy-registry';
import { runOptimization } from '@attune/strategies/engine/in-process-study';
import type { BenchProblem } from './bench-problems';

export const CHECKPOINTS = [25, 50, 100] as const;
export const MODES = { seq: 1, batch4: 4 } as const;
export type Mode = keyof typeof MODES;

/** One run to do: a strategy on a problem with a seed in a mode. */
export interface BenchJob {
  readonly strategy: string;
  readonly problem: string;
  readonly seed: number;
  readonly mode: Mode;
  readonly budget: number;
}

/** Simple regret after each checkpoint (of those within the budget), and the optimiser's own time. */
export interface BenchResult extends BenchJob {
  readonly regret: Record<string, number>;
  readonly seconds: number;
  readonly error?: string;
}

/**
 * Why a strategy cannot run on a problem (e.g. cmaes on a categorical space),
 * or undefined. A grid larger than the budget still runs: it is cut short.
 */
export function unsupportedReason(strategy: string, problem: Pick<BenchProblem, 'parameters'>, budget: number): string | undefined {
  const issues = checkStrategy({ name: strategy, options: {} }, problem.parameters, { maxTrials: budget }).filter((i) => !i.path.startsWith('budget.'));
  return issues.length > 0 ? issues.map((i) => `${i.path}: ${i.message}`).join('; ') : undefined;
}

/**
 * Runs one job through the in-process engine. The value at checkpoint n is the
 * (noiseless, when the problem has `truth`) value of the best observed trial
 * among the first n, minus the optimum: the reference's rule.
 */
export async function runBenchJob(job: BenchJob, problem: BenchProblem): Promise<BenchResult> {
  const evalTime = { total: 0 };
  const started = process.hrtime.bigint();
  const result = await runOptimization({
    space: problem.parameters,
    direction: problem.direction,
    evaluate: (params) => {
      const t = process.hrtime.bigint();
      const v = problem.evaluate(params);
      evalTime.total += Number(process.hrtime.bigint() - t) / 1e9;
      return v;
    },
    strategy: { name: job.strategy, options: {} },
    seed: job.seed,
    trials: job.budget,
    batch: MODES[job.mode],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9 - evalTime.total;
  const regret: Record<string, number> = {};
  for (const n of CHECKPOINTS.filter((c) => c <= job.budget)) {
    const first = result.trials.filter((t) => t.number < n && t.value !== undefined);
    if (first.length === 0) continue;
    const best = first.reduce((a, b) => (sign(problem) * b.value! < sign(problem) * a.value! ? b : a));
    const value = problem.truth ? problem.truth(best.params) : best.value!;
    regret[n] = sign(problem) * (value - problem.optimum);
  }
  return { ...job, regret, seconds };
}

const sign = (p: BenchProblem) => (p.direction === 'maximize' ? -1 : 1);
