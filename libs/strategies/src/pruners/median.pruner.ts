import { PercentilePruner, type PercentileOptions } from './percentile.pruner';

/** Optuna's MedianPruner: the percentile rule at 50. */
export function medianPruner(options: Omit<PercentileOptions, 'percentile'>): PercentilePruner {
  return new PercentilePruner({ ...options, percentile: 50 }, 'median');
}
