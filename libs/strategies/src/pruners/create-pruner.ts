import type { PrunerSpec } from '@attune/core/pruning/pruner-spec.schema';
import { HyperbandPruner } from './hyperband.pruner';
import { medianPruner } from './median.pruner';
import { PercentilePruner } from './percentile.pruner';
import type { Pruner } from './pruner';
import { SuccessiveHalvingPruner } from './successive-halving.pruner';
import { WilcoxonPruner } from './wilcoxon.pruner';

/** The pruner a parsed spec names, with its options (defaults already applied by the schema). */
export function createPruner(spec: PrunerSpec): Pruner {
  switch (spec.name) {
    case 'median':
      return medianPruner(spec.options);
    case 'percentile':
      return new PercentilePruner(spec.options);
    case 'successive-halving':
      return new SuccessiveHalvingPruner(spec.options);
    case 'hyperband':
      return new HyperbandPruner(spec.options);
    case 'wilcoxon':
      return new WilcoxonPruner(spec.options);
  }
}
