import { objectiveLosses } from '@attune/core/pareto/pareto-front';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { encodeGenome } from '../common/genome';
import { elitePopulation } from './elite-population';
import type { GenerationPlan } from './generation-plan';
import type { Contender, Member } from './nsga2-member';

/**
 * The parent populations of NSGA-II replayed from the history. Trial n is in
 * the generation `plan` says; the population after generation g is the P best (see
 * `elitePopulation`) of g's completed trials and the population after g − 1,
 * so failed, PRUNED and pending trials simply leave their slots empty (a
 * pruned trial has no objective values to sort by). Generation g
 * breeds from the population after g − 1.
 */
export class Nsga2Replay {
  private readonly byGeneration = new Map<number, Contender[]>();
  /** populations[g]: the population after generation g, computed on demand. */
  private readonly populations: Member[][] = [];

  constructor(
    space: SearchSpace,
    trials: readonly TrialView[],
    private readonly plan: GenerationPlan,
  ) {
    for (const c of contenders(space, trials)) {
      const g = plan.generationOf(c.number);
      this.byGeneration.set(g, [...(this.byGeneration.get(g) ?? []), c]);
    }
  }

  /** The parents of generation `generation` (≥ 1); empty when nothing before it completed. */
  parentsOf(generation: number): readonly Member[] {
    for (let g = this.populations.length; g < generation; g++) {
      const previous = g === 0 ? [] : this.populations[g - 1];
      this.populations.push(elitePopulation([...(this.byGeneration.get(g) ?? []), ...previous], this.plan.size));
    }
    return this.populations[generation - 1];
  }
}

/**
 * COMPLETE trials with finite losses (`losses ?? [loss]`) of the study's
 * objective count (the first such trial's), in number order. A violation that
 * is not a finite number counts as the worst.
 */
function contenders(space: SearchSpace, trials: readonly TrialView[]): Contender[] {
  const out: Contender[] = [];
  for (const t of trials) {
    const losses = t.state === 'COMPLETE' ? objectiveLosses(t) : undefined;
    if (!losses || losses.length === 0 || !losses.every(Number.isFinite) || (out.length > 0 && losses.length !== out[0].losses.length)) continue;
    const violation = t.violation === undefined || Number.isFinite(t.violation) ? t.violation : Infinity;
    out.push({ number: t.number, genome: encodeGenome(space, t.params), losses, violation });
  }
  return out;
}
