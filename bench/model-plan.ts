import { strategyCapabilities } from '@attune/strategies/registry/strategy-registry';
import { unsupportedReason } from './bench-run';
import type { ModelProblem } from './model-problems';
import { CONSTRAINED_BUDGET, PARETO_CHECKPOINTS, type ModelJob } from './model-run';

/** Random search runs on every measurement-model problem: it is the reference each figure is compared with. */
const REFERENCE = 'random';

/**
 * The runs of the measurement-model problems: every asked strategy (random
 * search always) on a constrained problem, since one that does not model
 * constraints still runs with infeasible trials ranked last; on a Pareto
 * problem only those the registry says optimise several objectives. Returns
 * the jobs, and per problem the strategies left out with why.
 */
export function planModelJobs(strategies: readonly string[], problems: readonly ModelProblem[], seeds: number): { jobs: ModelJob[]; skipped: Map<string, Map<string, string>> } {
  const jobs: ModelJob[] = [];
  const skipped = new Map<string, Map<string, string>>();
  const wanted = [...new Set([REFERENCE, ...strategies])];
  for (const problem of problems) {
    const left = new Map<string, string>();
    skipped.set(problem.name, left);
    const budget = problem.kind === 'constrained' ? CONSTRAINED_BUDGET : Math.max(...PARETO_CHECKPOINTS);
    for (const strategy of wanted) {
      const reason =
        problem.kind === 'pareto' && strategy !== REFERENCE && !strategyCapabilities(strategy).multiObjective
          ? 'one objective only, per strategyCapabilities'
          : unsupportedReason(strategy, problem, budget);
      if (reason) {
        left.set(strategy, reason);
        continue;
      }
      for (let seed = 0; seed < seeds; seed++) jobs.push({ model: true, strategy, problem: problem.name, seed, budget });
    }
  }
  return { jobs, skipped };
}
