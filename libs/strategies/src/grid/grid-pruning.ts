import type { ParamValue, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import type { GridPruneOptions } from './grid-options';

/**
 * For each parameter, the level indices to drop from the rest of the grid:
 * levels whose every completed trial (at least `minTrialsPerLevel` of them) has
 * a loss above `best + threshold · max(|best|, median − best)`. The level of the
 * best trial can never be dropped, so every parameter keeps at least one level.
 * PRUNED trials do not count: their final loss is unknown, and a pruner's
 * early verdict alone must not drop a whole level.
 */
export function prunedLevels(
  space: SearchSpace,
  levels: readonly (readonly ParamValue[])[],
  trials: readonly TrialView[],
  options: GridPruneOptions,
): Set<number>[] {
  const none = space.map(() => new Set<number>());
  if (!options.enabled) return none;
  const done = trials.filter((t) => t.state === 'COMPLETE' && Number.isFinite(t.loss));
  if (done.length === 0) return none;
  const line = pruneLine(done.map((t) => t.loss as number), options.threshold);
  return space.map((p, d) => {
    const index = new Map(levels[d].map((v, i) => [v, i]));
    const worst = levels[d].map(() => ({ n: 0, allAbove: true }));
    for (const t of done) {
      const i = index.get(t.params[p.name]);
      if (i === undefined) continue;
      worst[i].n++;
      if ((t.loss as number) <= line) worst[i].allAbove = false;
    }
    const drop = new Set<number>();
    worst.forEach((w, i) => {
      if (w.n >= options.minTrialsPerLevel && w.allAbove) drop.add(i);
    });
    return drop;
  });
}

/** The loss above which a level counts as clearly worse than the best. */
export function pruneLine(losses: readonly number[], threshold: number): number {
  const sorted = [...losses].sort((a, b) => a - b);
  const best = sorted[0];
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const scale = Math.max(Math.abs(best), median - best);
  const line = best + threshold * scale;
  return Number.isFinite(line) ? line : Infinity;
}
