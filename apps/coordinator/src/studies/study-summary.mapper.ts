import type { BaselineTrial, BestTrial, CreatedStudy, MeasurementRow, StudyDetail, StudyObjectives, StudySummary, TrialRow } from '@attune/core/api/responses';
import type { StoredScore } from '@attune/core/objective/stored-score';
import { describeObjectives, studyObjectives, valueDirection } from '@attune/core/objective/study-objectives';
import type { WarmStartPlan } from '@attune/core/warm-start/plan-warm-start';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { MeasurementRecord } from '@attune/persistence/records/measurement.record';
import type { TrialCounts, TrialRecord } from '@attune/persistence/records/trial.record';

/** How the study's measurement model reads in a summary. */
function objectivesJson(spec: StudyRecord['spec']): StudyObjectives {
  const objectives = studyObjectives(spec);
  return {
    kind: objectives.kind,
    objectives: [...objectives.objectives],
    ...(objectives.constraints.length > 0 && { constraints: [...objectives.constraints] }),
    measurement: objectives.measurement,
    ...(spec.baseline !== undefined && { baseline: spec.baseline }),
  };
}

/** The one direction and metric of a study with one objective (a composite's is its score, minimised); absent for several. */
function headline(spec: StudyRecord['spec']): Pick<StudySummary, 'direction' | 'metric'> {
  const objectives = studyObjectives(spec);
  if (objectives.kind === 'pareto') return {};
  return { direction: valueDirection(objectives), metric: objectives.kind === 'single' ? objectives.objectives[0].metric : 'score' };
}

/** StudySummary of the REST contract. */
export function toStudySummary(study: StudyRecord, counts: TrialCounts, best: TrialRecord | undefined, baseline?: TrialRecord): StudySummary {
  const { spec } = study;
  return {
    id: study.id,
    name: spec.name,
    project: study.project,
    ...(spec.description !== undefined && { description: spec.description }),
    target: spec.target,
    state: study.state,
    ...headline(spec),
    objective: describeObjectives(studyObjectives(spec)),
    objectives: objectivesJson(spec),
    strategy: { name: spec.strategy.name, seed: spec.strategy.seed, options: spec.strategy.options },
    budget: {
      maxTrials: spec.budget.maxTrials,
      parallelism: spec.budget.parallelism,
      trialTimeoutSec: spec.budget.trialTimeoutSec,
      ...(spec.budget.maxFailedTrials !== undefined && { maxFailedTrials: spec.budget.maxFailedTrials }),
    },
    parameters: spec.parameters,
    ...(spec.notify && { notify: spec.notify }),
    ...(spec.pruner && { pruner: spec.pruner }),
    ...(study.stopReason !== undefined && { stopReason: study.stopReason }),
    createdAt: study.createdAt.toISOString(),
    updatedAt: study.updatedAt.toISOString(),
    ...(study.endedAt && { endedAt: study.endedAt.toISOString() }),
    trials: counts,
    ...(baseline && { baseline: toBaselineJson(baseline) }),
    ...(best && { best: toBestJson(best) }),
  };
}

/** What POST /studies answers: the study's detail, and what its warm start copied when the spec asked for one (its warnings with the detail's). */
export function toCreatedStudy(detail: StudyDetail, warmStart: WarmStartPlan | undefined): CreatedStudy {
  if (!warmStart) return detail;
  const studies = warmStart.studies.map((s) => ({ id: s.id, copied: s.copied, dropped: s.dropped, reasons: [...s.reasons] }));
  return { ...detail, warnings: [...detail.warnings, ...warmStart.warnings], warmStart: { studies } };
}

/** The baseline trial in a summary: which one, and (once measured) what it measured; every improvement is relative to these metrics. */
function toBaselineJson(trial: TrialRecord): BaselineTrial {
  return {
    number: trial.number,
    state: trial.state,
    params: trial.params,
    ...(trial.value !== undefined && { value: trial.value }),
    ...(trial.metrics && { metrics: trial.metrics }),
    ...(trial.feasible !== undefined && { feasible: trial.feasible }),
  };
}

/** The best trial as the API shows it (for several objectives, each trial of the front). */
export function toBestJson(trial: TrialRecord): BestTrial {
  return {
    number: trial.number,
    params: trial.params,
    ...(trial.value !== undefined && { value: trial.value }),
    ...(trial.metrics && { metrics: trial.metrics }),
    ...(trial.origin && { origin: trial.origin }),
    ...(trial.feasible !== undefined && { feasible: trial.feasible }),
    ...(trial.violation !== undefined && { violation: trial.violation }),
    ...(trial.score?.improvement && { improvement: trial.score.improvement }),
    ...(trial.traceId !== undefined && { traceId: trial.traceId }),
  };
}

/** Measurement of the REST contract (GET /studies/:id/trials/:number/measurements). */
export function toMeasurementJson(m: MeasurementRecord): MeasurementRow {
  return {
    repeat: m.repeat,
    warmup: m.warmup,
    metrics: m.metrics,
    durationMs: m.durationMs,
    ...(m.workerId !== undefined && { workerId: m.workerId }),
    startedAt: m.startedAt.toISOString(),
  };
}

/** Trial of the REST contract. */
export function toTrialJson(t: TrialRecord): TrialRow {
  return {
    id: t.id,
    studyId: t.studyId,
    number: t.number,
    state: t.state,
    params: t.params,
    ...(t.value !== undefined && { value: t.value }),
    ...(t.metrics && { metrics: t.metrics }),
    ...(t.origin && { origin: t.origin }),
    ...(t.feasible !== undefined && { feasible: t.feasible }),
    ...(t.violation !== undefined && { violation: t.violation }),
    ...(t.score && { score: toScoreJson(t.score) }),
    ...(t.note !== undefined && { note: t.note }),
    ...(t.error !== undefined && { error: t.error }),
    ...(t.workerId !== undefined && { workerId: t.workerId }),
    ...(t.traceId !== undefined && { traceId: t.traceId }),
    ...(t.lastStep !== undefined && { lastStep: t.lastStep }),
    createdAt: t.createdAt.toISOString(),
    ...(t.startedAt && { startedAt: t.startedAt.toISOString() }),
    ...(t.endedAt && { endedAt: t.endedAt.toISOString() }),
  };
}

/** A trial's stored score, each field it has (the lists copied out of the read-only record). */
function toScoreJson(s: StoredScore): NonNullable<TrialRow['score']> {
  return {
    ...(s.losses && { losses: [...s.losses] }),
    ...(s.constraints && { constraints: [...s.constraints] }),
    ...(s.violations && { violations: [...s.violations] }),
    ...(s.spread && { spread: s.spread }),
    ...(s.noise && { noise: s.noise }),
    ...(s.improvement && { improvement: s.improvement }),
  };
}
