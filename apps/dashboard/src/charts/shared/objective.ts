import type { StudySummary, TrialRow } from '@attune/core/api/responses';

export type Direction = 'minimize' | 'maximize';

/** What a chart plots on its value axis: the study's objective, one of its objectives, or another metric. */
export interface ObjectiveChoice {
  /** The metric's name ("score" for a composite's score). */
  readonly metric: string;
  /** Absent for a metric that is no objective (a constraint's, any other reported one): no "best" then. */
  readonly direction?: Direction;
  /** The value read from `trial.value` (a single objective, a composite score) rather than from `trial.metrics`. */
  readonly fromValue: boolean;
}

type Measured = Pick<TrialRow, 'value' | 'metrics'>;

/** A trial's metric as a number; NaN when it is missing or not a finite number. */
export function metricOf(trial: Measured, metric: string): number {
  const v = trial.metrics?.[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
}

/** A trial's value of the chosen objective or metric; NaN when it has none. */
export function valueOf(trial: Measured, choice: ObjectiveChoice): number {
  if (!choice.fromValue) return metricOf(trial, choice.metric);
  return typeof trial.value === 'number' && Number.isFinite(trial.value) ? trial.value : metricOf(trial, choice.metric);
}

type StudyShape = Pick<StudySummary, 'objectives' | 'direction' | 'metric'>;

/** The study's objectives in order: one for a single objective or a composite (its score, minimised), one per objective for a Pareto study. */
export function studyObjectiveChoices(study: StudyShape): ObjectiveChoice[] {
  const o = study.objectives;
  if (o?.kind === 'pareto') return o.objectives.map((t) => ({ metric: t.metric, direction: t.direction, fromValue: false }));
  if (o?.kind === 'composite') return [{ metric: 'score', direction: study.direction ?? 'minimize', fromValue: true }];
  const term = o?.objectives[0];
  return [{ metric: term?.metric ?? study.metric ?? 'value', direction: term?.direction ?? study.direction ?? 'minimize', fromValue: true }];
}

/** Every metric a chart may offer to plot: the objectives first, then each composite term, each constraint. */
export function studyMetricNames(study: StudyShape): string[] {
  const names = studyObjectiveChoices(study).map((c) => c.metric);
  for (const t of study.objectives?.objectives ?? []) names.push(t.metric);
  for (const c of study.objectives?.constraints ?? []) names.push(c.metric);
  return [...new Set(names)];
}

/** The choice for `metric` (the first objective when it is absent or unknown to the study's objectives: then a plain metric). */
export function objectiveChoice(study: StudyShape, metric?: string): ObjectiveChoice {
  const objectives = studyObjectiveChoices(study);
  if (metric === undefined) return objectives[0];
  const objective = objectives.find((c) => c.metric === metric);
  if (objective) return objective;
  const term = study.objectives?.objectives.find((t) => t.metric === metric);
  // A composite's term has a direction of its own; a constraint's metric or any other has none.
  return { metric, ...(term && { direction: term.direction }), fromValue: false };
}

/** True when `a` is better than `b` in this direction. */
export function isBetter(a: number, b: number, direction: Direction): boolean {
  return direction === 'minimize' ? a < b : a > b;
}
