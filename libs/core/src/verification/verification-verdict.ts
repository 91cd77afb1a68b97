import { aggregateRepeats, countedRepeats, type AggregatedMetrics, type RawMetrics, type RepeatMeasurement } from '../objective/aggregate-repeats';
import type { NormalizedObjectives } from '../objective/normalize-objectives';
import { scoreTrial, type TrialScore } from '../objective/score';
import { constrainedDominates } from '../pareto/dominance';
import { ALPHA } from '../statistics/interval';
import { compareComposite } from './compare-composite';
import { compareMetric } from './compare-metric';
import type { Comparison } from './comparison';

/** A candidate's verification measurements: its trial number and its repeats (warm-ups marked, never counted). */
export interface VerificationSample {
  readonly trial: number;
  readonly repeats: readonly RepeatMeasurement[];
}

/** What verification found about one candidate. */
export interface CandidateVerdict {
  readonly trial: number;
  /** `scoreTrial` of its re-measurements against the baseline's re-measured metrics; absent when they cannot be scored (`reason`). */
  readonly score?: TrialScore;
  readonly reason?: string;
  /** Per objective metric, against the baseline's re-measurements; a metric with fewer than 2 values on either side is left out. */
  readonly perMetric: Readonly<Record<string, Comparison>>;
  /** The whole objective (single: its metric's; composite: the score's, `compareComposite`); absent for Pareto. */
  readonly comparison?: Comparison;
  /**
   * Single/composite: `comparison.significant`. Pareto: significantly better
   * on at least one objective and significantly worse on none.
   */
  readonly significant: boolean;
}

export interface VerificationVerdict {
  /** The baseline's re-measured metrics (the study's aggregate) and their spread: what the candidates were scored against. */
  readonly baseline: AggregatedMetrics;
  readonly candidates: readonly CandidateVerdict[];
  /**
   * Single/composite: the trial with the best loss among the feasible
   * re-measured candidates (ties to the earlier one); absent when none is
   * feasible or none could be scored (`reason`).
   */
  readonly winner?: number;
  /** Pareto: the candidates still non-dominated (constrained dominance) on their re-measured losses, in the given order. */
  readonly front?: readonly number[];
  /** The winner (Pareto: some front member) is significantly better than the baseline. A winner that is not is reported with false. */
  readonly significant: boolean;
  readonly reason?: string;
}

/**
 * Judges verification: the candidates' and the baseline's re-measurements,
 * all taken in one interleaved schedule (`verificationSchedule`), are scored
 * as trials are (`scoreTrial`, the study's aggregate, the baseline's
 * re-measured metrics as the baseline) and compared with the baseline's
 * (`compareMetric`, `compareComposite`). The winner is chosen on the
 * re-measured scores alone, so a candidate that was lucky in the search
 * does not win on its luck. A Pareto study has no single winner: every
 * candidate (the front's members) is verified and `front` says which stay
 * non-dominated once re-measured.
 *
 * The winner's loss is the study's own (its aggregate, median or mean);
 * the comparisons, being tests of means and shifts, use every counted value.
 * Significance is each comparison's: the improvement's 95% interval above 0
 * and p < 0.05 for the test used; a winner that is not significantly better
 * is still the winner, with `significant: false`.
 */
export function verificationVerdict(objectives: NormalizedObjectives, baseline: readonly RepeatMeasurement[], candidates: readonly VerificationSample[]): VerificationVerdict {
  const baselineRepeats = countedRepeats(baseline).map((r) => r.metrics);
  const aggregated = aggregateRepeats(countedRepeats(baseline), objectives.measurement.aggregate);
  const verdicts = candidates.map((c) => candidateVerdict(objectives, c, aggregated.metrics, baselineRepeats));
  const judged = { baseline: aggregated, candidates: verdicts };
  if (objectives.kind === 'pareto') {
    const front = paretoFront(verdicts);
    return { ...judged, front, significant: verdicts.some((v) => front.includes(v.trial) && v.significant) };
  }
  const scored = verdicts.filter((v) => v.score !== undefined);
  if (scored.length === 0) return { ...judged, significant: false, reason: 'no candidate could be scored on its re-measurements' };
  const feasible = scored.filter((v) => v.score!.feasible);
  if (feasible.length === 0) return { ...judged, significant: false, reason: 'no candidate met the constraints when re-measured' };
  const best = feasible.reduce((a, v) => (v.score!.loss! < a.score!.loss! ? v : a));
  return { ...judged, winner: best.trial, significant: best.significant };
}

function candidateVerdict(objectives: NormalizedObjectives, sample: VerificationSample, anchor: RawMetrics, baselineRepeats: readonly RawMetrics[]): CandidateVerdict {
  const result = scoreTrial(objectives, sample.repeats, anchor);
  const repeats = countedRepeats(sample.repeats).map((r) => r.metrics);
  const perMetric = Object.create(null) as Record<string, Comparison>;
  for (const { metric, direction } of objectives.objectives) {
    const comparison = compareMetric(direction, valuesOf(repeats, metric), valuesOf(baselineRepeats, metric));
    if (comparison) perMetric[metric] = comparison;
  }
  const comparison = objectives.kind === 'composite' ? compareComposite(objectives.objectives, repeats, baselineRepeats) : objectives.kind === 'single' ? perMetric[objectives.objectives[0].metric] : undefined;
  const significant = comparison ? comparison.significant : objectives.kind === 'pareto' && paretoSignificant(Object.values(perMetric));
  return { trial: sample.trial, ...(result.ok ? { score: result.score } : { reason: result.reason }), perMetric, ...(comparison && { comparison }), significant };
}

/** Better somewhere, worse nowhere, each significantly. */
function paretoSignificant(comparisons: readonly Comparison[]): boolean {
  const worse = comparisons.some((c) => c.improvement.high < 0 && c.p < ALPHA);
  return !worse && comparisons.some((c) => c.significant);
}

function paretoFront(verdicts: readonly CandidateVerdict[]): number[] {
  const points = verdicts.filter((v) => v.score?.losses !== undefined).map((v) => ({ trial: v.trial, losses: v.score!.losses!, violation: v.score!.violation }));
  return points.filter((p) => !points.some((q) => q !== p && constrainedDominates(q, p))).map((p) => p.trial);
}

function valuesOf(repeats: readonly RawMetrics[], metric: string): number[] {
  return repeats.flatMap((r) => (Object.hasOwn(r, metric) && Number.isFinite(r[metric]) ? [r[metric]] : []));
}
