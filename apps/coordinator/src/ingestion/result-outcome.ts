import { aggregateRepeats, countedRepeats, type RawMetrics, type RepeatMeasurement } from '@attune/core/objective/aggregate-repeats';
import type { NormalizedObjectives } from '@attune/core/objective/normalize-objectives';
import { scoreTrial } from '@attune/core/objective/score';
import { storedScoreOf } from '@attune/core/objective/stored-score';
import { requiredMetrics } from '@attune/core/objective/study-objectives';
import type { MeasurementInput, TrialOutcome } from '@attune/persistence/repositories/trial.repository';
import type { TrialResultJob } from '@attune/queue/trial-result.job';

/** What ingestion knows of a study when a result arrives: its measurement model and the baseline's metrics, once measured. */
export interface ScoringContext {
  readonly objectives: NormalizedObjectives;
  /** The baseline's aggregated metrics; absent until it is measured (or when the study has none). */
  readonly baseline?: RawMetrics;
  /** This result is the baseline's own: it is scored against itself. */
  readonly isBaseline?: boolean;
}

/**
 * What a worker's result means for its trial: a COMPLETE evaluation is scored
 * by the pure `scoreTrial` (aggregate of the counted repeats, the objective's
 * value, feasibility, improvement over the baseline); a measurement without
 * a required metric as a finite number, or one that cannot be scored, makes a
 * FAILED trial with the reason. The worker's note (metrics it dropped) is
 * kept either way, and every measurement is stored raw.
 */
export function toTrialOutcome(result: TrialResultJob, context: ScoringContext): TrialOutcome {
  const base = {
    ...(result.note !== undefined && { note: result.note }),
    workerId: result.workerId,
    startedAt: new Date(result.startedAt),
    endedAt: new Date(result.finishedAt),
  };
  if (result.outcome !== 'COMPLETE') {
    return { ...base, metrics: result.metrics, state: result.outcome, error: result.error ?? `evaluation ended ${result.outcome} without a reason` };
  }
  const measurements = measurementsOf(result);
  const problem = unusableMetric(measurements, context.objectives);
  if (problem) return { ...base, metrics: result.metrics, measurements, state: 'FAILED', error: problem };
  const repeats: RepeatMeasurement[] = measurements.map((m) => ({ metrics: m.metrics, warmup: m.warmup }));
  const baseline = context.isBaseline ? baselineOf(context.objectives, repeats) : context.baseline;
  const scored = scoreTrial(context.objectives, repeats, baseline);
  if (!scored.ok) return { ...base, metrics: result.metrics, measurements, state: 'FAILED', error: scored.reason };
  const { score } = scored;
  const constrained = context.objectives.constraints.length > 0;
  return {
    ...base,
    state: 'COMPLETE',
    ...(score.value !== undefined && { value: score.value }),
    metrics: score.metrics,
    ...(constrained && { feasible: score.feasible, violation: score.violation }),
    score: storedScoreOf(score),
    measurements,
  };
}

/** The baseline's own metrics: the aggregate of its counted repeats, which every later trial is compared with. */
function baselineOf(objectives: NormalizedObjectives, repeats: readonly RepeatMeasurement[]): RawMetrics | undefined {
  const counted = countedRepeats(repeats);
  return counted.length > 0 ? aggregateRepeats(counted, objectives.measurement.aggregate).metrics : undefined;
}

/** The result's measurements; an older worker's one set of metrics is its one measurement. */
function measurementsOf(result: TrialResultJob): MeasurementInput[] {
  if (result.measurements) return result.measurements.map((m) => ({ ...m, startedAt: new Date(m.startedAt) }));
  const startedAt = new Date(result.startedAt);
  return [{ repeat: 0, warmup: false, metrics: result.metrics ?? {}, durationMs: Math.max(0, Date.parse(result.finishedAt) - startedAt.getTime()), startedAt }];
}

/** The first required metric a counted measurement lacks or reports as no finite number, said as a user can act on it. */
function unusableMetric(measurements: readonly MeasurementInput[], objectives: NormalizedObjectives): string | undefined {
  const counted = measurements.filter((m) => !m.warmup);
  const ofObjective = new Set(objectives.objectives.map((o) => o.metric));
  for (const m of counted) {
    const where = counted.length > 1 ? ` (measurement ${m.repeat + 1})` : '';
    for (const metric of requiredMetrics(objectives)) {
      const what = ofObjective.has(metric) ? 'the objective metric' : "the constraint's metric";
      // Own keys only: a metric's name is the worker's word, and `metrics` a plain object.
      if (!Object.hasOwn(m.metrics, metric)) {
        const got = Object.keys(m.metrics);
        const listed = got.length > 0 ? got.map((k) => JSON.stringify(k)).join(', ') : 'none';
        return `${what} "${metric}" is missing from the reported metrics${where} (got: ${listed})`;
      }
      if (!Number.isFinite(m.metrics[metric])) return `${what} "${metric}" is not a finite number${where}: ${String(m.metrics[metric])}`;
    }
  }
  return undefined;
}
