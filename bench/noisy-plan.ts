import { unsupportedReason } from './bench-run';
import type { NoisyProblem } from './noisy-problems';
import type { VerificationOptions } from '@attune/core/verification/verification-options.schema';
import { NOISY_ARMS, verificationEvaluations, type NoisyJob } from './noisy-run';

/** Strategies the noisy problems run when --strategies is not given: random search as the reference, and the two model-based ones. */
export const NOISY_STRATEGIES: readonly string[] = ['random', 'tpe', 'bayesian'];

/**
 * The runs of the noisy problems: each strategy (the asked ones, else
 * NOISY_STRATEGIES) on each problem, both arms, every seed. Throws when the
 * budget leaves no search after the verification's evaluations.
 */
export function planNoisyJobs(asked: readonly string[] | undefined, problems: readonly NoisyProblem[], seeds: number, budget: number, verification: VerificationOptions): NoisyJob[] {
  if (problems.length === 0) return [];
  const spent = verificationEvaluations(verification);
  if (budget <= spent + 1) throw new Error(`--budget ${budget} leaves no search beside verification's ${spent} evaluations and the baseline`);
  const jobs: NoisyJob[] = [];
  for (const strategy of asked ?? NOISY_STRATEGIES) {
    for (const problem of problems) {
      const reason = unsupportedReason(strategy, problem, budget);
      if (reason) {
        process.stderr.write(`bench: skipping ${strategy} on ${problem.name}: ${reason}\n`);
        continue;
      }
      for (const arm of NOISY_ARMS) for (let seed = 0; seed < seeds; seed++) jobs.push({ noisy: true, strategy, problem: problem.name, seed, budget, arm, verification });
    }
  }
  return jobs;
}
