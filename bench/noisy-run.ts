import { normalizeObjectives } from '@attune/core/objective/normalize-objectives';
import { parseObjectiveSpec } from '@attune/core/objective/parse-objective-spec';
import { Rng } from '@attune/core/random/rng';
import type { Params } from '@attune/core/search-space/parameter';
import { verificationOptionsSchema, type VerificationOptions } from '@attune/core/verification/verification-options.schema';
import { runOptimization, type InProcessTrial } from '@attune/strategies/engine/in-process-study';
import type { NoisyProblem } from './noisy-problems';

/**
 * How the reported winner is chosen at the same total of evaluations:
 * `best-observed` spends the whole budget on search and reports the trial
 * with the best (noisy) value; `verified` searches with budget − V trials
 * (the baseline among them) and then verifies, V = (top + 1) × repeats.
 */
export type NoisyArm = 'best-observed' | 'verified';
export const NOISY_ARMS: readonly NoisyArm[] = ['best-observed', 'verified'];

/** The product's defaults (`verificationOptionsSchema`): 3 candidates and the baseline, 5 measurements each. */
export const DEFAULT_VERIFICATION: VerificationOptions = verificationOptionsSchema.parse({});

/** The evaluations a verification takes: every candidate and the baseline, `repeats` times each. */
export const verificationEvaluations = (v: VerificationOptions) => (v.top + 1) * v.repeats;

/** Mixed into the seed so that the noise's stream is its own. */
const NOISE_PURPOSE = 0x401e;

export interface NoisyJob {
  readonly noisy: true;
  readonly strategy: string;
  readonly problem: string;
  readonly seed: number;
  readonly budget: number;
  readonly arm: NoisyArm;
  /** `verified`: its candidates and repeats (the same in both arms, so that the budgets match). */
  readonly verification: VerificationOptions;
}

export interface NoisyResult extends NoisyJob {
  /** Noiseless value of the reported winner − the optimum. */
  readonly regret?: number;
  /** Evaluations the run took, search and verification together. */
  readonly evaluations?: number;
  /** `verified`: the winner was judged significantly better than the baseline. */
  readonly significant?: boolean;
  /** `verified`: the regret the best observed trial of its own search would have had (the same run without verification's choice). */
  readonly searchRegret?: number;
  /** `verified`: the regret of the model's first candidate (a GP's posterior mean), had it been reported without re-measuring. */
  readonly modelRegret?: number;
  /** `best-observed`: how much better the winner looked than it is (truth − observed value), the winner's curse. */
  readonly optimism?: number;
  /** `verified`: why there was no verified winner, when the best observed trial had to be reported instead. */
  readonly fallback?: string;
  readonly seconds: number;
  readonly error?: string;
}

/** Runs one job: the search (and, for `verified`, the verification) on seeded noisy measurements, scored on the truth. */
export async function runNoisyJob(job: NoisyJob, problem: NoisyProblem): Promise<NoisyResult> {
  const started = process.hrtime.bigint();
  const noise = Rng.derive(NOISE_PURPOSE, job.seed);
  let evaluations = 0;
  const evaluate = (params: Params) => (evaluations++, { value: problem.truth(params) + problem.sd * noise.normal() });
  const verified = job.arm === 'verified';
  const result = await runOptimization({
    space: problem.parameters,
    objectives: normalizeObjectives(parseObjectiveSpec({ objective: { metric: 'value', direction: 'minimize' }, ...(verified && { baseline: { params: problem.baseline } }) })),
    evaluate,
    strategy: { name: job.strategy, options: {} },
    seed: job.seed,
    trials: verified ? job.budget - verificationEvaluations(job.verification) : job.budget,
    ...(verified && { verification: job.verification }),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const best = bestObserved(result.trials);
  const report = result.verification;
  const judged = report && !('problem' in report) && report.winnerParams ? report : undefined;
  const fallback = verified && !judged ? (report && 'problem' in report ? report.problem : (report?.reason ?? 'no verified winner')) : undefined;
  const winner = judged ? judged.winnerParams! : best?.params;
  if (!best || !winner) return { ...job, seconds, evaluations, error: 'no trial completed' };
  const regretOf = (params: Params) => problem.truth(params) - problem.optimum;
  return {
    ...job,
    regret: regretOf(winner),
    evaluations,
    ...(verified ? { searchRegret: regretOf(best.params), ...modelChoice(result, regretOf) } : { optimism: problem.truth(best.params) - best.value! }),
    ...(judged && { significant: judged.significant }),
    ...(fallback && { fallback }),
    seconds,
  };
}

/** The COMPLETE trial with the lowest observed value, the baseline left out (it is the reference, not a result). */
function bestObserved(trials: readonly InProcessTrial[]): InProcessTrial | undefined {
  let best: InProcessTrial | undefined;
  for (const t of trials) if (t.state === 'COMPLETE' && t.origin !== 'baseline' && (!best || t.value! < best.value!)) best = t;
  return best;
}

/** The regret of the first trial (the baseline left out) of the model's ranking the verification's candidates came from; nothing without a ranking. */
function modelChoice(result: { readonly trials: readonly InProcessTrial[]; readonly ranking?: readonly number[] }, regretOf: (params: Params) => number): { modelRegret?: number } {
  const first = result.ranking?.find((n) => result.trials[n].origin !== 'baseline');
  return first === undefined ? {} : { modelRegret: regretOf(result.trials[first].params) };
}
