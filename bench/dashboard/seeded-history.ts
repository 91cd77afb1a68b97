import { randomUUID } from 'node:crypto';
import { aggregateRepeats, type RawMetrics } from '@attune/core/objective/aggregate-repeats';
import { normalizeObjectives, type NormalizedObjectives } from '@attune/core/objective/normalize-objectives';
import { scoreTrial } from '@attune/core/objective/score';
import { storedScoreOf, type StoredScore } from '@attune/core/objective/stored-score';
import { Rng } from '@attune/core/random/rng';
import { completeConfiguration } from '@attune/core/search-space/check-configuration';
import type { Params } from '@attune/core/search-space/parameter';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { SeededTimeline, type TrialTimes } from './seeded-timeline';
import { failure, measure, proposeParams } from './simulated-service';

/** One stored measurement of a seeded trial (a row of `measurements`). */
export interface SeededMeasurement {
  readonly repeat: number;
  readonly metrics: RawMetrics;
  readonly durationMs: number;
  readonly startedAt: Date;
}

/** A finished trial as the coordinator would have stored it (a row of `trials`, its measurements beside it). */
export interface SeededTrial {
  readonly id: string;
  readonly number: number;
  readonly state: 'COMPLETE' | 'FAILED';
  readonly params: Params;
  readonly origin?: 'baseline';
  readonly meta?: Record<string, unknown>;
  readonly value?: number;
  readonly metrics?: RawMetrics;
  readonly feasible?: boolean;
  readonly violation?: number;
  readonly score?: StoredScore;
  readonly error?: string;
  readonly workerId: string;
  readonly createdAt: Date;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly measurements: readonly SeededMeasurement[];
}

export interface SeededHistory {
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly trials: readonly SeededTrial[];
}

/**
 * `count` finished trials of a study, seeded: the baseline first when the
 * spec has one, then proposals of the simulated service, each measured as
 * the spec says and scored by the coordinator's own pure `scoreTrial` (so
 * value, metrics, feasibility and the stored score are what ingestion would
 * have written). The run is laid out on a clock that ends at `endsAt`.
 */
export function seededHistory(spec: StudySpec, count: number, seed: number, endsAt: Date): SeededHistory {
  const rng = new Rng(seed);
  const objectives = normalizeObjectives(spec);
  const repeats = objectives.measurement.repeats;
  const timeline = new SeededTimeline(spec.budget.parallelism, rng);
  const drafts: { number: number; params: Params; origin?: 'baseline'; times: TrialTimes; error?: string; metrics: RawMetrics[] }[] = [];
  for (let number = 0; number < count; number++) {
    const isBaseline = number === 0 && spec.baseline !== undefined;
    const params = isBaseline ? completeConfiguration(spec.parameters, spec.baseline === true ? {} : spec.baseline!.params) : proposeParams(spec.parameters, number, rng);
    const error = isBaseline ? undefined : failure(rng);
    const times = timeline.next(repeats, error !== undefined);
    if (isBaseline) timeline.barrier();
    drafts.push({ number, params, ...(isBaseline && { origin: 'baseline' as const }), times, ...(error && { error }), metrics: times.measurements.map(() => measure(params, rng)) });
  }
  const end = Math.max(...drafts.map((d) => d.times.endedMs));
  const at = (ms: number) => new Date(endsAt.getTime() - end + ms);
  const baseline = drafts[0]?.origin === 'baseline' ? aggregateRepeats(drafts[0].metrics.map((metrics) => ({ metrics })), objectives.measurement.aggregate).metrics : undefined;
  const trials = drafts.map((d): SeededTrial => {
    const measurements = d.times.measurements.map((m, repeat) => ({ repeat, metrics: d.metrics[repeat], durationMs: m.durationMs, startedAt: at(m.startedMs) }));
    return {
      id: randomUUID(),
      number: d.number,
      params: d.params,
      ...(d.origin && { origin: d.origin }),
      ...(spec.strategy.name === 'nsga2' && !d.origin && { meta: { generation: Math.floor(d.number / NSGA2_POPULATION) } }),
      ...outcome(objectives, d.metrics, baseline, d.error),
      workerId: d.times.workerId,
      createdAt: at(d.times.createdMs),
      startedAt: at(d.times.startedMs),
      endedAt: at(d.times.endedMs),
      measurements,
    };
  });
  return { startedAt: at(0), endedAt: endsAt, trials };
}

/** nsga2's default population: its proposals carry the generation they were bred in. */
const NSGA2_POPULATION = 16;

type Outcome = Pick<SeededTrial, 'state' | 'value' | 'metrics' | 'feasible' | 'violation' | 'score' | 'error'>;

/** What ingestion records of a result (apps/coordinator/src/ingestion/result-outcome.ts): a failure as such, a measurement scored. */
function outcome(objectives: NormalizedObjectives, metrics: readonly RawMetrics[], baseline: RawMetrics | undefined, error: string | undefined): Outcome {
  if (error !== undefined) return { state: 'FAILED', error };
  const scored = scoreTrial(
    objectives,
    metrics.map((m) => ({ metrics: m })),
    baseline,
  );
  if (!scored.ok) return { state: 'FAILED', error: scored.reason };
  const { score } = scored;
  return {
    state: 'COMPLETE',
    ...(score.value !== undefined && { value: score.value }),
    metrics: score.metrics,
    ...(objectives.constraints.length > 0 && { feasible: score.feasible, violation: score.violation }),
    score: storedScoreOf(score),
  };
}
