import { PRUNER_NAMES, prunerFieldSchema } from '@attune/core/pruning/pruner-spec.schema';
import { describe, expect, it } from 'vitest';
import { createPruner } from './create-pruner';
import { curve } from './testing/pruner-trials';

const SPECS = {
  median: { name: 'median' },
  percentile: { name: 'percentile', options: { percentile: 25 } },
  'successive-halving': { name: 'successive-halving' },
  hyperband: { name: 'hyperband', options: { maxResource: 50 } },
  wilcoxon: { name: 'wilcoxon' },
};

describe('createPruner', () => {
  it.each(PRUNER_NAMES)('makes the %s pruner from its parsed spec, deciding purely', (name) => {
    const pruner = createPruner(prunerFieldSchema.parse(SPECS[name]));
    expect(pruner.name).toBe(name);
    const others = Array.from({ length: 6 }, (_, n) => curve(n, 'COMPLETE', [1, 0.5, 0.4, 0.3]));
    const ctx = { trial: curve(6, 'RUNNING', [2, 2, 2, 2]), others, seed: 1 };
    expect(pruner.decide(ctx)).toEqual(pruner.decide(ctx));
  });

  it('refuses a hyperband minResource above maxResource, naming the field', () => {
    const parsed = prunerFieldSchema.safeParse({ name: 'hyperband', options: { minResource: 20, maxResource: 10 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ['options', 'minResource'], message: 'must be at most maxResource (10), got 20' })]);
  });
});
