import { hypervolume } from '@attune/core/pareto/hypervolume';
import { MOTPE_EPS, motpeReferencePoint } from './hypervolume-subset';
import { hasResult, type TpeObservation } from './tpe-observations';

/**
 * Weights of the good group's kernels with several objectives (Optuna 3.1
 * `_calculate_weights_below_for_multi_objective`): each feasible observation
 * weighs by its exclusive contribution to the group's hypervolume (plus EPS),
 * scaled so the largest is 1; infeasible ones weigh EPS, and so do pruned
 * ones, which have no objective values. The reference point is 10% beyond
 * the feasible group's worst values.
 */
export function motpeWeightsBelow(below: readonly TpeObservation[]): number[] {
  const feasible = below.flatMap((o, i) => ((o.violation === undefined || o.violation === 0) && hasResult(o) ? [i] : []));
  const weights = new Array<number>(below.length).fill(MOTPE_EPS);
  if (feasible.length === 1) weights[feasible[0]] = 1;
  if (feasible.length < 2) return weights;
  const losses = feasible.map((i) => below[i].losses);
  const reference = motpeReferencePoint(losses);
  const total = hypervolume(losses, reference);
  const contributions = losses.map((_, k) => total - hypervolume(losses.filter((__, m) => m !== k), reference) + MOTPE_EPS);
  const largest = Math.max(...contributions);
  feasible.forEach((i, k) => (weights[i] = Math.min(1, Math.max(0, contributions[k] / largest))));
  return weights;
}
