import type { Rng } from '@attune/core/random/rng';
import type { Member } from './nsga2-member';

/**
 * NSGA-II's binary tournament: of two members drawn with replacement, the one
 * on the better front (constraint domination already ranks the infeasible
 * last), then the one in the less crowded place; on a full tie the first drawn.
 */
export function crowdedTournament(pool: readonly Member[], rng: Rng): Member {
  const a = rng.pick(pool);
  const b = rng.pick(pool);
  if (a.rank !== b.rank) return a.rank < b.rank ? a : b;
  return b.crowding > a.crowding ? b : a;
}
