import type { Params } from '@attune/core/search-space/parameter';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialCounts, TrialRecord } from '@attune/persistence/records/trial.record';

/** The best trial as the API shows it. */
export interface BestTrialJson {
  readonly number: number;
  readonly params: Params;
  readonly value: number;
}

/** StudySummary of the REST contract. */
export function toStudySummary(study: StudyRecord, counts: TrialCounts, best: TrialRecord | undefined): Record<string, unknown> {
  const { spec } = study;
  return {
    id: study.id,
    name: spec.name,
    ...(spec.description !== undefined && { description: spec.description }),
    target: spec.target,
    state: study.state,
    direction: spec.objective.direction,
    metric: spec.objective.metric,
    strategy: { name: spec.strategy.name, seed: spec.strategy.seed, options: spec.strategy.options },
    budget: {
      maxTrials: spec.budget.maxTrials,
      parallelism: spec.budget.parallelism,
      trialTimeoutSec: spec.budget.trialTimeoutSec,
      ...(spec.budget.maxFailedTrials !== undefined && { maxFailedTrials: spec.budget.maxFailedTrials }),
    },
    parameters: spec.parameters,
    ...(spec.notify && { notify: spec.notify }),
    ...(study.stopReason !== undefined && { stopReason: study.stopReason }),
    createdAt: study.createdAt.toISOString(),
    updatedAt: study.updatedAt.toISOString(),
    ...(study.endedAt && { endedAt: study.endedAt.toISOString() }),
    trials: counts,
    ...(best && { best: toBestJson(best) }),
  };
}

export function toBestJson(trial: TrialRecord): BestTrialJson {
  return { number: trial.number, params: trial.params, value: trial.value as number };
}

/** Trial of the REST contract. */
export function toTrialJson(t: TrialRecord): Record<string, unknown> {
  return {
    id: t.id,
    studyId: t.studyId,
    number: t.number,
    state: t.state,
    params: t.params,
    ...(t.value !== undefined && { value: t.value }),
    ...(t.metrics && { metrics: t.metrics }),
    ...(t.note !== undefined && { note: t.note }),
    ...(t.error !== undefined && { error: t.error }),
    ...(t.workerId !== undefined && { workerId: t.workerId }),
    createdAt: t.createdAt.toISOString(),
    ...(t.startedAt && { startedAt: t.startedAt.toISOString() }),
    ...(t.endedAt && { endedAt: t.endedAt.toISOString() }),
  };
}
