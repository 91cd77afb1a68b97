import type { StudySummary, TrialCurve, TrialRow, TrialStateName } from '@attune/core/api/responses';
import { formatValue } from '@attune/core/text/format-value';
import type { ChartTheme } from './chart-theme';
import { isBetter, objectiveChoice, type Direction } from './shared/objective';
import { extent } from './shared/scale';

/** How a learning curve is drawn, by its trial's state. */
export type CurveKind = 'complete' | 'pruned' | 'running' | 'failed' | 'other';

/** The order the kinds are drawn in, one path each: the stopped curves under the complete ones (their crosses go on top), running ones above all. */
export const CURVE_KINDS: readonly CurveKind[] = ['other', 'failed', 'pruned', 'complete', 'running'];

/** The theme colour of each kind. */
export const CURVE_COLOURS: Readonly<Record<CurveKind, keyof Pick<ChartTheme, 'point' | 'pruned' | 'running' | 'failed' | 'faded'>>> = {
  complete: 'point',
  pruned: 'pruned',
  running: 'running',
  failed: 'failed',
  other: 'faded',
};

export function curveKind(state: TrialStateName): CurveKind {
  switch (state) {
    case 'COMPLETE':
      return 'complete';
    case 'PRUNED':
      return 'pruned';
    case 'RUNNING':
      return 'running';
    case 'FAILED':
    case 'TIMED_OUT':
      return 'failed';
    default:
      return 'other';
  }
}

/** One trial's curve: its points are `steps[start..end)`, `values[start..end)` of the model. */
export interface CurveLine {
  /** Index into the curves given. */
  readonly index: number;
  readonly number: number;
  readonly kind: CurveKind;
  readonly start: number;
  readonly end: number;
}

export interface IntermediateModel {
  /** The objective's metric, whose values the curves are. */
  readonly metric: string;
  readonly direction?: Direction;
  /** Curves with at least one point, in trial order. */
  readonly lines: readonly CurveLine[];
  /** Every point's step and value, curve after curve (flat: 50,000 points are two arrays, not 50,000 objects). */
  readonly steps: Float64Array;
  readonly values: Float64Array;
  /** The position in `lines` of each point's curve. */
  readonly lineOf: Int32Array;
  readonly xRange: readonly [number, number];
  /** Undefined when there are no points. */
  readonly yRange?: readonly [number, number];
  /** Every value above 0: a log scale can show them all. */
  readonly canLog: boolean;
  readonly counts: Readonly<Record<CurveKind, number>>;
  /** The best last value of a COMPLETE curve. */
  readonly best?: { readonly number: number; readonly value: number };
  readonly summary: string;
}

type CurvesStudy = Pick<StudySummary, 'objectives' | 'direction' | 'metric'>;

/** The finite points of a curve up to step `last`, as [step, value] pairs (a step without a finite value is left out). */
function pointsOf(curve: TrialCurve, last = Infinity): [number, number][] {
  const n = Math.min(curve.steps.length, curve.values.length);
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(curve.steps[i]) && Number.isFinite(curve.values[i]) && curve.steps[i] <= last) points.push([curve.steps[i], curve.values[i]]);
  return points;
}

/** The step each PRUNED trial was stopped at (its `lastStep`), by number. */
export function stopSteps(trials: readonly Pick<TrialRow, 'number' | 'state' | 'lastStep'>[]): Map<number, number> {
  const steps = new Map<number, number>();
  for (const t of trials) if (t.state === 'PRUNED' && t.lastStep !== undefined) steps.set(t.number, t.lastStep);
  return steps;
}

/**
 * Everything the intermediate-values chart draws, from the study (its
 * objective) and its trials' learning curves. A pruned curve ends at the
 * step it was stopped at (`stoppedAt`, from the trials' `lastStep`): steps
 * its target reported while the stop was on its way are stored, and left
 * out here.
 */
export function intermediateModel(study: CurvesStudy, curves: readonly TrialCurve[], stoppedAt: ReadonlyMap<number, number> = new Map()): IntermediateModel {
  const choice = objectiveChoice(study);
  const order = curves.map((_, i) => i).sort((a, b) => curves[a].number - curves[b].number);
  const last = (c: TrialCurve) => (c.state === 'PRUNED' ? stoppedAt.get(c.number) : undefined);
  const perCurve = order.map((index) => ({ index, points: pointsOf(curves[index], last(curves[index])) })).filter((c) => c.points.length > 0);
  const total = perCurve.reduce((n, c) => n + c.points.length, 0);
  const steps = new Float64Array(total);
  const values = new Float64Array(total);
  const lineOf = new Int32Array(total);
  const lines: CurveLine[] = [];
  const counts: Record<CurveKind, number> = { complete: 0, pruned: 0, running: 0, failed: 0, other: 0 };
  let best: IntermediateModel['best'];
  let at = 0;
  for (const { index, points } of perCurve) {
    const curve = curves[index];
    const kind = curveKind(curve.state);
    const start = at;
    for (const [step, value] of points) [steps[at], values[at], lineOf[at]] = [step, value, lines.length], at++;
    lines.push({ index, number: curve.number, kind, start, end: at });
    counts[kind]++;
    const last = points[points.length - 1][1];
    if (kind === 'complete' && choice.direction && (!best || isBetter(last, best.value, choice.direction))) best = { number: curve.number, value: last };
  }
  const xs = extent(steps);
  const xRange: [number, number] = xs ? [xs[0], Math.max(xs[0] + 1, xs[1])] : [0, 1];
  const yRange = extent(values);
  const canLog = total > 0 && values.every((v) => v > 0);
  const model = { metric: choice.metric, ...(choice.direction && { direction: choice.direction }), lines, steps, values, lineOf, xRange, ...(yRange && { yRange }), canLog, counts, ...(best && { best }) };
  return { ...model, summary: intermediateSummary(model) };
}

/** The chart in a sentence, for screen readers: "Intermediate values of latency_ms over 40 trials: 12 pruned, best final 0.41 at trial 17." */
export function intermediateSummary(m: Omit<IntermediateModel, 'summary'>): string {
  const parts = [`${m.counts.pruned} pruned`];
  if (m.counts.running > 0) parts.push(`${m.counts.running} running`);
  if (m.counts.failed > 0) parts.push(`${m.counts.failed} failed`);
  if (m.best) parts.push(`best final ${formatValue(m.best.value)} at trial ${m.best.number}`);
  return `Intermediate values of ${m.metric} over ${m.lines.length} trials: ${parts.join(', ')}.`;
}
