import { configKey } from '@attune/core/search-space/encoding';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { isPending } from '@attune/core/trial/trial-state';
import type { TrialView } from '@attune/core/trial/trial-view';

/**
 * Keys (see `configKey`) of the configurations already taken: pending trials
 * always, finished ones too unless `pendingOnly`. Strategies add their own
 * proposals to the set as they build a batch, so a batch never repeats itself.
 */
export function occupiedKeys(space: SearchSpace, trials: readonly TrialView[], pendingOnly = false): Set<string> {
  const keys = new Set<string>();
  for (const t of trials) {
    if (!pendingOnly || isPending(t.state)) keys.add(configKey(space, t.params));
  }
  return keys;
}
