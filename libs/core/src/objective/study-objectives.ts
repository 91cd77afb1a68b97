import type { Direction } from '../trial/trial-view';
import { normalizeObjectives, type NormalizedObjectives } from './normalize-objectives';
import type { ObjectiveSpec } from './objective-spec.schema';

// A stored spec never changes: normalise each one once.
const normalized = new WeakMap<ObjectiveSpec, NormalizedObjectives>();

/** The measurement model of a parsed spec, in its one internal form (see `normalizeObjectives`). */
export function studyObjectives(spec: ObjectiveSpec): NormalizedObjectives {
  let objectives = normalized.get(spec);
  if (!objectives) normalized.set(spec, (objectives = normalizeObjectives(spec)));
  return objectives;
}

/**
 * Which way a trial's `value` is better: the metric's direction for a single
 * objective, `minimize` for a composite score (a loss, lower is better);
 * undefined for several objectives, whose trials have no one value.
 */
export function valueDirection(objectives: NormalizedObjectives): Direction | undefined {
  if (objectives.kind === 'pareto') return undefined;
  return objectives.kind === 'single' ? objectives.objectives[0].direction : 'minimize';
}

/** Every metric a trial must report: the objectives', then the constraints' (each once, in that order). */
export function requiredMetrics(objectives: NormalizedObjectives): string[] {
  return [...new Set([...objectives.objectives.map((o) => o.metric), ...objectives.constraints.map((c) => c.metric)])];
}

/** How the study's objective reads in one line: `minimize p99`, `score of 3 metrics`, `pareto: minimize p99, maximize rps`. */
export function describeObjectives(objectives: NormalizedObjectives): string {
  const terms = objectives.objectives.map((o) => `${o.direction} ${o.metric}`).join(', ');
  if (objectives.kind === 'single') return terms;
  return objectives.kind === 'composite' ? `composite score (minimize) of ${terms}` : `pareto front of ${terms}`;
}
