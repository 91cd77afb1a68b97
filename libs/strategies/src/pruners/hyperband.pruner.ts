import { crc32 } from './crc32';
import type { PruneDecision, Pruner, PrunerContext } from './pruner';
import { SuccessiveHalvingPruner } from './successive-halving.pruner';

export interface HyperbandOptions {
  /** Steps before the first rung of the most aggressive bracket. @default 1 */
  readonly minResource: number;
  /** The last step a trial reports; sets the number of brackets, ⌊log_η(max/min)⌋ + 1. */
  readonly maxResource: number;
  /** η, as in successive halving. @default 3 */
  readonly reductionFactor: number;
  /** As in successive halving, within a bracket. @default 0 */
  readonly bootstrapCount: number;
}

/**
 * Optuna's HyperbandPruner with an explicit maxResource: brackets 0..B-1,
 * bracket b a successive halving with minEarlyStoppingRate b (bracket 0 the
 * most aggressive). Each trial belongs to one bracket, from its number and
 * the study's seed, with bracket b drawn in proportion to Optuna's budget
 * ⌈B·η^s/(s+1)⌉, s = B-1-b; it is compared only with trials of its bracket.
 * The assignment is Optuna's: crc32 of `${seed}_${number}` modulo the total
 * budget, so a study named after the seed splits its trials the same way.
 */
export class HyperbandPruner implements Pruner {
  readonly name = 'hyperband';
  private readonly brackets: SuccessiveHalvingPruner[];
  private readonly budgets: number[];
  private readonly totalBudget: number;

  constructor(options: HyperbandOptions) {
    const { minResource, maxResource, reductionFactor, bootstrapCount } = options;
    // As Python's math.log(x, base): log(x)/log(base), so that the floor agrees.
    const count = Math.floor(Math.log(maxResource / minResource) / Math.log(reductionFactor)) + 1;
    this.budgets = Array.from({ length: count }, (_, b) => {
      const s = count - 1 - b;
      return Math.ceil((count * reductionFactor ** s) / (s + 1));
    });
    this.totalBudget = this.budgets.reduce((a, b) => a + b, 0);
    this.brackets = this.budgets.map((_, b) => new SuccessiveHalvingPruner({ minResource, reductionFactor, minEarlyStoppingRate: b, bootstrapCount }));
  }

  /** The bracket of trial `number` in a study of seed `seed`. */
  bracketOf(seed: number, number: number): number {
    let n = crc32(`${seed}_${number}`) % this.totalBudget;
    // n is below the budgets' sum, so the last bracket takes what is left.
    for (let b = 0; b < this.budgets.length - 1; b++) {
      n -= this.budgets[b];
      if (n < 0) return b;
    }
    return this.budgets.length - 1;
  }

  decide(ctx: PrunerContext): PruneDecision {
    const bracket = this.bracketOf(ctx.seed, ctx.trial.number);
    const others = ctx.others.filter((t) => this.bracketOf(ctx.seed, t.number) === bracket);
    const decision = this.brackets[bracket].decide({ ...ctx, others });
    return decision.prune ? { prune: true, reason: `${decision.reason}, in its Hyperband bracket ${bracket + 1} of ${this.brackets.length}` } : decision;
  }
}
