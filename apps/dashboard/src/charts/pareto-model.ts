import type { StudySummary, TrialRow } from '@attune/core/api/responses';
import { nonDominatedMask } from '@attune/core/pareto/non-dominated-mask';
import { studyObjectiveChoices, valueOf, type Direction, type ObjectiveChoice } from './shared/objective';

/** A completed trial with every objective: its values in the study's order. */
export interface ParetoTrial {
  readonly index: number;
  readonly values: readonly number[];
  readonly feasible: boolean;
  /** On the non-dominated feasible front over all the objectives. */
  readonly onFront: boolean;
}

export type ParetoModel =
  | { readonly kind: 'problem'; readonly message: string }
  | {
      readonly kind: 'front';
      readonly objectives: readonly ObjectiveChoice[];
      readonly points: readonly ParetoTrial[];
      readonly frontSize: number;
      /** The baseline's values, when it has all of them. */
      readonly baseline?: readonly number[];
      readonly summary: string;
    };

const toLoss = (value: number, direction: Direction) => (direction === 'minimize' ? value : -value);
// Negation is its own inverse: the same map takes losses back to values.
const fromLoss = toLoss;

type ParetoStudy = Pick<StudySummary, 'objectives' | 'direction' | 'metric' | 'baseline'>;

/** The trials in objective space and the feasible front, for a study with several objectives. */
export function paretoModel(study: ParetoStudy, trials: readonly TrialRow[]): ParetoModel {
  const objectives = studyObjectiveChoices(study);
  if (objectives.length < 2) return { kind: 'problem', message: 'A Pareto front needs several objectives; this study has one' };
  const points = trials.flatMap((t, index) => {
    if (t.state !== 'COMPLETE') return [];
    const values = objectives.map((o) => valueOf(t, o));
    return values.every(Number.isFinite) ? [{ index, values, feasible: t.feasible !== false }] : [];
  });
  if (points.length === 0) return { kind: 'problem', message: 'No completed trials with every objective yet' };
  const feasible = points.filter((p) => p.feasible);
  const mask = nonDominatedMask(feasible.map((p) => p.values.map((v, k) => toLoss(v, objectives[k].direction!))));
  const onFront = new Set(feasible.filter((_, i) => mask[i]));
  const all = points.map((p) => ({ ...p, onFront: onFront.has(p) }));
  const baselineValues = study.baseline?.state === 'COMPLETE' ? objectives.map((o) => valueOf(study.baseline!, o)) : [];
  const baseline = baselineValues.length > 0 && baselineValues.every(Number.isFinite) ? baselineValues : undefined;
  const names = objectives.map((o) => `${o.direction} ${o.metric}`).join(', ');
  const summary = `Pareto front of ${names}: ${onFront.size} of ${points.length} completed trials are non-dominated and feasible${feasible.length < points.length ? `, ${points.length - feasible.length} infeasible` : ''}.`;
  return { kind: 'front', objectives, points: all, frontSize: onFront.size, ...(baseline && { baseline }), summary };
}

/**
 * The front of one pair of objectives as a staircase, in the objectives'
 * values: the feasible points no other dominates on these two, ordered along
 * the first, joined by the boundary of the region they dominate (across,
 * then to the next point).
 */
export function pairStaircase(model: Extract<ParetoModel, { kind: 'front' }>, a: number, b: number): [number, number][] {
  const [da, db] = [model.objectives[a].direction!, model.objectives[b].direction!];
  const feasible = model.points.filter((p) => p.feasible);
  const losses = feasible.map((p) => [toLoss(p.values[a], da), toLoss(p.values[b], db)]);
  const mask = nonDominatedMask(losses);
  const front = losses.filter((_, i) => mask[i]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const steps: [number, number][] = [];
  front.forEach(([x, y], i) => {
    if (i > 0) steps.push([x, front[i - 1][1]]);
    steps.push([x, y]);
  });
  return steps.map(([x, y]) => [fromLoss(x, da), fromLoss(y, db)]);
}

/** The pairs of objectives to show: all of them for three (three panels), else the one chosen. */
export function objectivePairs(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) pairs.push([a, b]);
  return pairs;
}
