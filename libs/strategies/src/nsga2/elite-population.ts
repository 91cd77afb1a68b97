import { crowdingDistance } from '@attune/core/pareto/crowding-distance';
import { nonDominatedSort } from '@attune/core/pareto/non-dominated-sort';
import type { Contender, Member } from './nsga2-member';

/**
 * NSGA-II's survivor selection: the `size` best contenders, whole fronts in
 * order of constraint domination, the front that does not fit cut by crowding
 * distance (the least crowded kept, ties by trial number). Each member keeps
 * the rank and crowding distance of its front, for the tournament.
 */
export function elitePopulation(contenders: readonly Contender[], size: number): Member[] {
  const elite: Member[] = [];
  for (const [rank, front] of nonDominatedSort(contenders).entries()) {
    if (elite.length >= size) break;
    const crowding = crowdingDistance(front.map((i) => contenders[i].losses));
    const members = front.map((i, k): Member => ({ ...contenders[i], rank, crowding: crowding[k] }));
    if (elite.length + members.length > size) members.sort((a, b) => b.crowding - a.crowding || a.number - b.number);
    elite.push(...members.slice(0, size - elite.length));
  }
  return elite;
}
