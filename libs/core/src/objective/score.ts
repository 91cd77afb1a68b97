import { toLoss } from '../trial/trial-view';
import { aggregateRepeats, countedRepeats, sampleSd, type RawMetrics, type RepeatMeasurement, type Spread } from './aggregate-repeats';
import { baselineProblem, compositeScore, NO_BASELINE } from './composite-score';
import { checkConstraints, constraintValues, type ConstraintViolation } from './constraint-violation';
import { improvementPerMetric, type Improvement } from './improvement';
import type { NormalizedObjectives } from './normalize-objectives';
import type { CompositeTerm } from './objective-spec.schema';

/**
 * What a trial's measurements amount to. The names match the trial view's
 * (`loss`, `losses`, `violation`, `noise`), so ingestion copies them across.
 */
export interface TrialScore {
  /** The objective as the user reads it: the metric (single) or the composite score; absent for Pareto. */
  readonly value?: number;
  /** `value` oriented so that lower is better (the composite score is already); absent for Pareto. */
  readonly loss?: number;
  /** Pareto: each objective's aggregated metric oriented so that lower is better, in the spec's order. */
  readonly losses?: readonly number[];
  /** Every reported metric, aggregated over the counted repeats (see `aggregateRepeats`). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly spread: Readonly<Record<string, Spread>>;
  /**
   * The spread of the loss over single repeats, for strategies that model
   * noise: the metric's spread (single), or that of each counted repeat's own
   * composite score against the same baseline (composite); absent for Pareto.
   */
  readonly noise?: Spread;
  readonly feasible: boolean;
  readonly violation: number;
  readonly violations: readonly ConstraintViolation[];
  /** Each constraint's signed slack (see `constraintValues`); empty without constraints. */
  readonly constraints: readonly number[];
  /** Present when the baseline's metrics were given. */
  readonly improvement?: Improvement;
}

export type ScoreResult = { readonly ok: true; readonly score: TrialScore } | { readonly ok: false; readonly reason: string };

/**
 * Scores one trial: aggregates its counted repeats (warm-ups dropped), then
 * derives the objective's value and loss (or the Pareto losses), feasibility
 * against the constraints, and the improvement over the baseline. Pure and
 * deterministic: given the stored raw metrics of the trial's measurements
 * and of the baseline's, it gives the same score again. `baseline` is the
 * baseline's aggregated metrics (`aggregateRepeats` of its measurements);
 * scoring the baseline itself against them gives a composite score of 0.
 *
 * The formulas live beside their functions: `aggregateRepeats` (median,
 * mean, sample sd), `compositeScore`, `checkConstraints` (relative excess)
 * and `improvementPerMetric`.
 *
 * Fails, with the reason, when nothing was counted, when an objective's or a
 * constraint's metric is missing from every counted repeat, or when a
 * composite's baseline cannot anchor relative changes (`baselineProblem`).
 */
export function scoreTrial(objectives: NormalizedObjectives, repeats: readonly RepeatMeasurement[], baseline?: RawMetrics): ScoreResult {
  const counted = countedRepeats(repeats);
  if (counted.length === 0) return failure(repeats.length === 0 ? 'no measurement to score' : `no measurement to score: all ${repeats.length} were warm-ups`);
  const { metrics, spread } = aggregateRepeats(counted, objectives.measurement.aggregate);
  const missing = missingMetric(objectives, metrics);
  if (missing) return failure(missing);
  const objective = objectiveOf(objectives, metrics, spread, counted, baseline);
  if ('reason' in objective) return failure(objective.reason);
  return {
    ok: true,
    score: {
      ...objective,
      metrics,
      spread,
      ...checkConstraints(objectives.constraints, metrics),
      constraints: constraintValues(objectives.constraints, metrics),
      ...(baseline !== undefined && { improvement: improvementOf(objectives, metrics, baseline, objective) }),
    },
  };
}

type ObjectivePart = Pick<TrialScore, 'value' | 'loss' | 'losses' | 'noise'>;

/** The value, loss and noise of one objective, or the losses of several; or why a composite's baseline cannot anchor its score. */
function objectiveOf(
  objectives: NormalizedObjectives,
  metrics: RawMetrics,
  spread: Readonly<Record<string, Spread>>,
  counted: readonly RepeatMeasurement[],
  baseline: RawMetrics | undefined,
): ObjectivePart | { reason: string } {
  switch (objectives.kind) {
    case 'single': {
      const [{ metric, direction }] = objectives.objectives;
      return { value: metrics[metric], loss: toLoss(metrics[metric], direction), noise: spread[metric] };
    }
    case 'composite': {
      if (baseline === undefined) return { reason: NO_BASELINE };
      const problem = baselineProblem(objectives.objectives, baseline);
      if (problem) return { reason: problem };
      const score = compositeScore(objectives.objectives, metrics, baseline);
      const noise = compositeNoise(objectives.objectives, counted, baseline);
      return { value: score, loss: score, ...(noise && { noise }) };
    }
    case 'pareto':
      return { losses: objectives.objectives.map(({ metric, direction }) => toLoss(metrics[metric], direction)) };
  }
}

/**
 * The spread of the composite score over single repeats: each counted repeat
 * that reports every term is scored on its own, against the same baseline.
 * This keeps what per-metric spreads would lose (metrics that move together).
 */
function compositeNoise(terms: readonly CompositeTerm[], counted: readonly RepeatMeasurement[], baseline: RawMetrics): Spread | undefined {
  const complete = counted.filter((r) => terms.every(({ metric }) => Object.hasOwn(r.metrics, metric) && Number.isFinite(r.metrics[metric])));
  if (complete.length === 0) return undefined;
  const scores = complete.map((r) => compositeScore(terms, r.metrics, baseline));
  return { sd: sampleSd(scores), count: scores.length };
}

/** For a single or composite objective, `score` is the improvement of the whole: the metric's, or minus the composite score. */
function improvementOf(objectives: NormalizedObjectives, metrics: RawMetrics, baseline: RawMetrics, objective: ObjectivePart): Improvement {
  const perMetric = improvementPerMetric(objectives.objectives, metrics, baseline);
  if (objectives.kind === 'pareto') return { perMetric };
  // The composite score is a loss: its improvement is minus it (and 0, not -0, at the baseline itself).
  if (objectives.kind === 'composite' && objective.loss !== undefined) return { perMetric, score: objective.loss === 0 ? 0 : -objective.loss };
  const metric = objectives.objectives[0].metric;
  return Object.hasOwn(perMetric, metric) ? { perMetric, score: perMetric[metric] } : { perMetric };
}

/** The first objective or constraint metric no counted repeat reported, said as today's ingestion says it. */
function missingMetric(objectives: NormalizedObjectives, metrics: RawMetrics): string | undefined {
  const what = objectives.kind === 'composite' ? "the composite's metric" : 'the objective metric';
  const wanted = [...objectives.objectives.map((o) => ({ metric: o.metric, what })), ...objectives.constraints.map((c) => ({ metric: c.metric, what: "the constraint's metric" }))];
  const absent = wanted.find(({ metric }) => !Object.hasOwn(metrics, metric));
  if (!absent) return undefined;
  const got = Object.keys(metrics);
  const listed = got.length > 0 ? got.map((k) => JSON.stringify(k)).join(', ') : 'none';
  return `${absent.what} ${JSON.stringify(absent.metric)} is missing from the reported metrics (got: ${listed})`;
}

function failure(reason: string): ScoreResult {
  return { ok: false, reason };
}
