import type { ValidationIssue } from '@attune/core/errors/attune-error';
import { configKey } from '@attune/core/search-space/encoding';
import { emptyParams, type Params, type ParamValue, type SearchSpace } from '@attune/core/search-space/parameter';
import { occupiedKeys } from '../common/occupied-keys';
import { CHEAP_PROPOSALS_PER_ASK, type Proposal, type Strategy, type StrategyContext, type StrategyDefinition } from '../strategy';
import { gridOptionsSchema, type GridOptions } from './grid-options';
import { gridLevels, gridSize } from './grid-levels';
import { GridOrder } from './grid-order';
import { prunedLevels } from './grid-pruning';

/** Positions of the visiting order scanned per ask beyond the history, so pruning of a huge grid stays bounded. */
const SCAN_SLACK = 1_000_000;

/**
 * Full-factorial grid search visited in a seeded shuffled order. Configurations
 * already tried or pending are skipped (a PRUNED grid point is tried: it is not
 * visited again); with `prune.enabled`, so are those at a
 * level found clearly worse than the best. When the grid is used up, `ask`
 * returns fewer proposals than asked (possibly none).
 */
export class GridStrategy implements Strategy {
  readonly name = 'grid';
  private readonly levels: ParamValue[][];
  private order?: { seed: number; order: GridOrder };

  constructor(
    private readonly space: SearchSpace,
    private readonly options: GridOptions,
  ) {
    this.levels = gridLevels(space, options);
  }

  ask(ctx: StrategyContext, count: number): Proposal[] {
    const order = this.orderFor(ctx.seed);
    const taken = occupiedKeys(this.space, ctx.trials);
    const dropped = prunedLevels(this.space, this.levels, ctx.trials, this.options.prune);
    const limit = Math.min(order.total, ctx.trials.length + count + SCAN_SLACK);
    const out: Proposal[] = [];
    for (let pos = 0; pos < limit && out.length < count; pos++) {
      const idx = order.at(pos);
      if (idx.some((i, d) => dropped[d].has(i))) continue;
      const params = this.paramsAt(idx);
      const key = configKey(this.space, params);
      if (taken.has(key)) continue;
      taken.add(key);
      out.push({ params });
    }
    return out;
  }

  private orderFor(seed: number): GridOrder {
    // A cache only: the order is a pure function of the seed and the grid.
    if (this.order?.seed !== seed) this.order = { seed, order: new GridOrder(this.levels.map((l) => l.length), seed) };
    return this.order.order;
  }

  private paramsAt(idx: readonly number[]): Params {
    const params = emptyParams();
    this.space.forEach((p, d) => (params[p.name] = this.levels[d][idx[d]]));
    return params;
  }
}

/** A grid larger than the budget is an error unless pruning is on (then the shuffled order covers the space early). */
function checkGrid(options: GridOptions, space: SearchSpace, budget: { maxTrials: number }): ValidationIssue[] {
  const size = gridSize(gridLevels(space, options));
  if (size <= budget.maxTrials || options.prune.enabled) return [];
  const shown = size < 1e15 ? String(size) : size.toExponential(2);
  return [
    {
      path: 'budget.maxTrials',
      message:
        `is ${budget.maxTrials} but the grid has ${shown} configurations: raise budget.maxTrials to ${shown}, ` +
        'lower strategy.options.levels or strategy.options.maxDiscreteLevels, or enable strategy.options.prune',
    },
  ];
}

export const gridStrategy: StrategyDefinition<GridOptions> = {
  name: 'grid',
  // Measured: 256 proposals with 5000 trials of 6-D history take about 10 ms.
  maxProposalsPerAsk: CHEAP_PROPOSALS_PER_ASK,
  summary: 'Full-factorial grid in a seeded shuffled order, with optional pruning of clearly worse levels.',
  options: gridOptionsSchema,
  create: (options, space) => new GridStrategy(space, options),
  check: checkGrid,
};
