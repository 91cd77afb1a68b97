import { fmt, median } from './bench-stats';
import { row } from './bench-table';
import type { NoisyProblem } from './noisy-problems';
import type { VerificationOptions } from '@attune/core/verification/verification-options.schema';
import { verificationEvaluations, type NoisyArm, type NoisyResult } from './noisy-run';

/** The issue's target: with verification, the median noiseless regret of the reported winner at least 30% lower. */
export const REGRET_RATIO_TARGET = 0.7;

/**
 * The table of one noisy problem: per strategy, the median noiseless regret
 * of the winner reported by each arm, verified / best-observed with the
 * target, on how many seeds verification did at least as well (paired by
 * seed), and how often its winner was judged significantly better than the
 * baseline; and, to tell the two effects apart, the regret of the best
 * observed trial of the verified runs' own (shorter) search, and how
 * optimistic the best observed value was, and the regret of the model's
 * first candidate had it been reported without re-measuring.
 */
export function noisyTable(problem: NoisyProblem, results: readonly NoisyResult[], budget: number, verification: VerificationOptions): string {
  const spent = verificationEvaluations(verification);
  const search = budget - spent;
  const mine = results.filter((r) => r.problem === problem.name && !r.error);
  const strategies = [...new Set(mine.map((r) => r.strategy))];
  const widths = [10, 9, 9, 7, 8, 11, 8, 9, 9, 12];
  const lines = [
    `\n## ${problem.name}: ${problem.description} (${problem.rangeSource}); optimum ${problem.optimum}; baseline the centre of the space, truth ${fmt(problem.truth(problem.baseline))}`,
    `regret = median over seeds of truth(reported winner) − optimum, ${budget} evaluations per run: best-observed = ${budget} search trials, the best noisy value reported;`,
    `verified = ${search} search trials (the baseline first) + verification of the top ${verification.top} and the baseline, ${verification.repeats} measurements each (${spent}), the winner by its re-measurements;`,
    `obs@${search} = the best observed of those ${search} search trials (the verified runs without verification's choice); model@${search} = the first of their candidates (a GP's posterior mean), not re-measured;`,
    `optimism = median truth − observed value of best-obs's winner`,
    row(['strategy', 'best-obs', 'verified', 'ratio', 'seeds ≤', 'significant', `obs@${search}`, `model@${search}`, 'optimism', 'target'], widths),
  ];
  for (const strategy of strategies) {
    const of = (arm: NoisyArm) => mine.filter((r) => r.strategy === strategy && r.arm === arm);
    const [observed, verified] = [of('best-observed'), of('verified')];
    const regret = (runs: readonly NoisyResult[]) => median(runs.map((r) => r.regret!));
    const [a, b] = [regret(observed), regret(verified)];
    const ratio = a > 0 ? b / a : b <= 0 ? 1 : Infinity;
    const bySeed = new Map(observed.map((r) => [r.seed, r.regret!]));
    const paired = verified.filter((r) => bySeed.has(r.seed));
    const atLeastAsGood = paired.filter((r) => r.regret! <= bySeed.get(r.seed)!).length;
    const significant = verified.filter((r) => r.significant).length;
    const fallbacks = verified.filter((r) => r.fallback).length;
    const searchRegret = median(verified.map((r) => r.searchRegret!));
    const modelled = verified.filter((r) => r.modelRegret !== undefined);
    const modelRegret = modelled.length > 0 ? fmt(median(modelled.map((r) => r.modelRegret!))) : '–';
    const optimism = median(observed.map((r) => r.optimism!));
    const verdict = observed.length > 0 && verified.length > 0 ? `≤ ${REGRET_RATIO_TARGET} ${ratio <= REGRET_RATIO_TARGET ? 'PASS' : 'MISS'}` : '–';
    lines.push(
      row([strategy, fmt(a), fmt(b), fmt(ratio), `${atLeastAsGood}/${paired.length}`, `${significant}/${verified.length}${fallbacks > 0 ? ` (${fallbacks} fell back)` : ''}`, fmt(searchRegret), modelRegret, fmt(optimism), verdict], widths),
    );
  }
  return lines.join('\n');
}
