import type { StudySummary, TrialRow, VerificationJson } from '@attune/core/api/responses';
import { formatValue } from '@attune/core/text/format-value';
import { isBetter, objectiveChoice, valueOf, type Direction, type ObjectiveChoice } from './shared/objective';
import { extent } from './shared/scale';

/** A completed trial with a value: where it goes on the history. */
export interface HistoryPoint {
  /** Index into the trials given. */
  readonly index: number;
  readonly number: number;
  readonly value: number;
  readonly feasible: boolean;
}

/** A trial without a value to plot, marked on an edge: failed (or timed out) and pruned at the bottom, running at the top. */
export interface HistoryMark {
  readonly index: number;
  readonly number: number;
  readonly kind: 'failed' | 'pruned' | 'running';
}

/** A step of the best-so-far line: from trial `number` on, the best is `value`. */
export interface BestStep {
  readonly number: number;
  readonly value: number;
}

/** A re-measured candidate of the verification, in the objective's units, with its 95% interval (infinite ends: unbounded). */
export interface VerificationMark {
  readonly trial: number;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly significant: boolean;
  readonly winner: boolean;
}

export interface HistoryModel {
  readonly choice: ObjectiveChoice;
  readonly points: readonly HistoryPoint[];
  readonly marks: readonly HistoryMark[];
  /** Empty when the metric has no direction (it is no objective). */
  readonly best: readonly BestStep[];
  readonly baseline?: number;
  readonly verification: readonly VerificationMark[];
  /** Trial numbers from the first to the last trial. */
  readonly xRange: readonly [number, number];
  /** The values' range (points, baseline, verification estimates); undefined when there is none. */
  readonly yRange?: readonly [number, number];
  /** Every value above 0: a log scale can show them all. */
  readonly canLog: boolean;
  readonly summary: string;
}

type HistoryStudy = Pick<StudySummary, 'objectives' | 'direction' | 'metric' | 'baseline'>;

/** The steps of the best value so far over points in trial order, counting feasible points only. */
export function bestSoFar(points: readonly HistoryPoint[], direction: Direction): BestStep[] {
  const steps: BestStep[] = [];
  for (const p of points) {
    if (!p.feasible) continue;
    const last = steps.at(-1);
    if (!last || isBetter(p.value, last.value, direction)) steps.push({ number: p.number, value: p.value });
  }
  return steps;
}

/**
 * An improvement over the baseline (a fraction, positive is better) in the
 * objective's units: b − imp·|b| when minimising, b + imp·|b| when
 * maximising. A composite's score is itself a relative change from the
 * baseline (0 there, lower is better), so its improvement is minus the score.
 */
export function improvementToValue(improvement: number, baseline: number, direction: Direction, composite: boolean): number {
  if (composite) return -improvement;
  if (!Number.isFinite(improvement)) return (direction === 'minimize') === improvement > 0 ? -Infinity : Infinity;
  return direction === 'minimize' ? baseline - improvement * Math.abs(baseline) : baseline + improvement * Math.abs(baseline);
}

/**
 * The verification's candidates on the chosen metric, when the report
 * compares them on it and the baseline anchors the conversion; a candidate
 * without an estimate of its improvement is left out.
 */
export function verificationMarks(verification: VerificationJson | undefined, choice: ObjectiveChoice, baseline: number | undefined, composite: boolean): VerificationMark[] {
  const report = verification?.report;
  const direction = choice.direction;
  if (!report || !direction) return [];
  const anchor = composite && choice.fromValue ? 0 : baseline;
  // A relative improvement over a baseline of 0 (or none) has no value to convert back to.
  if (anchor === undefined || !Number.isFinite(anchor) || (anchor === 0 && !(composite && choice.fromValue))) return [];
  return report.candidates.flatMap((c) => {
    const comparison = choice.fromValue ? (c.comparison ?? c.perMetric[choice.metric]) : c.perMetric[choice.metric];
    const { estimate, low, high } = comparison?.improvement ?? {};
    // No estimate (JSON's null for NaN: a change relative to a re-measured baseline of 0) is no point to draw, and its interval then bounds nothing either.
    if (estimate === undefined || estimate === null) return [];
    const convert = (imp: number) => improvementToValue(imp, anchor, direction, composite && choice.fromValue);
    const ends = [convert(low ?? -Infinity), convert(high ?? Infinity)].sort((a, b) => a - b);
    return [{ trial: c.trial, estimate: convert(estimate), low: ends[0], high: ends[1], significant: c.significant, winner: report.winner === c.trial }];
  });
}

function classify(trial: TrialRow): HistoryMark['kind'] | undefined {
  if (trial.state === 'FAILED' || trial.state === 'TIMED_OUT') return 'failed';
  if (trial.state === 'PRUNED') return 'pruned';
  return trial.state === 'RUNNING' ? 'running' : undefined;
}

/** Everything the history chart draws, from the study, its trials and its verification. */
export function historyModel(study: HistoryStudy, trials: readonly TrialRow[], verification?: VerificationJson, metric?: string): HistoryModel {
  const choice = objectiveChoice(study, metric);
  const order = trials.map((_, i) => i).sort((a, b) => trials[a].number - trials[b].number);
  const points: HistoryPoint[] = [];
  const marks: HistoryMark[] = [];
  for (const index of order) {
    const t = trials[index];
    const value = t.state === 'COMPLETE' ? valueOf(t, choice) : Number.NaN;
    if (Number.isFinite(value)) points.push({ index, number: t.number, value, feasible: t.feasible !== false });
    const kind = classify(t);
    if (kind) marks.push({ index, number: t.number, kind });
  }
  const baselineValue = study.baseline && study.baseline.state === 'COMPLETE' ? valueOf(study.baseline, choice) : Number.NaN;
  const baseline = Number.isFinite(baselineValue) ? baselineValue : undefined;
  const composite = study.objectives?.kind === 'composite';
  const verification_ = verificationMarks(verification, choice, baseline, composite);
  const best = choice.direction ? bestSoFar(points, choice.direction) : [];
  const numbers = order.map((i) => trials[i].number);
  const xRange: [number, number] = numbers.length > 0 ? [numbers[0], Math.max(numbers[0] + 1, numbers.at(-1)!)] : [0, 1];
  const yRange = extent([...points.map((p) => p.value), ...(baseline === undefined ? [] : [baseline]), ...verification_.map((v) => v.estimate)]);
  const canLog = points.length > 0 && points.every((p) => p.value > 0) && (baseline === undefined || baseline > 0);
  const model = { choice, points, marks, best, ...(baseline !== undefined && { baseline }), verification: verification_, xRange, ...(yRange && { yRange }), canLog };
  return { ...model, summary: historySummary(model, trials.length) };
}

/** The chart in a sentence, for screen readers. */
export function historySummary(m: Omit<HistoryModel, 'summary'>, total: number): string {
  const direction = m.choice.direction ? ` (${m.choice.direction})` : '';
  const parts = [`History of ${m.choice.metric}${direction} over ${total} trials: ${m.points.length} with a value`];
  const best = m.best.at(-1);
  if (best) parts.push(`best ${formatValue(best.value)} at trial ${best.number}`);
  if (m.baseline !== undefined) parts.push(`baseline ${formatValue(m.baseline)}`);
  const infeasible = m.points.filter((p) => !p.feasible).length;
  if (infeasible > 0) parts.push(`${infeasible} infeasible`);
  for (const kind of ['failed', 'pruned', 'running'] as const) {
    const count = m.marks.filter((k) => k.kind === kind).length;
    if (count > 0) parts.push(`${count} ${kind}`);
  }
  if (m.verification.length > 0) parts.push(`${m.verification.length} verified`);
  return `${parts.join(', ')}.`;
}
