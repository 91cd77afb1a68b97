import type { ValidationIssue } from '../errors/attune-error';
import { isRecord } from '../spec/is-record';

/** Said when a spec has neither `objective` nor `objectives`. */
export const OBJECTIVE_REQUIRED = 'is required (or objectives: 2 to 4 metrics, each with a direction, for a Pareto front)';

/**
 * The rules across the measurement-model fields of a spec. They are read from
 * the input as given, whether or not it parses, so that they are reported in
 * the same pass as each field's own problems: only which fields are there, and
 * whether the objective is a composite, matters to them.
 *
 * - `objective` and `objectives` exclude each other: one objective (a metric or
 *   a composite score) or a Pareto front of several, never both; one of them
 *   is required.
 * - A composite needs a baseline: it scores each metric by its relative change
 *   from the baseline's measurement, so that weights weigh comparable numbers
 *   (a raw sum of milliseconds and megabytes would let the units decide).
 */
export function checkObjectiveRules(input: unknown): ValidationIssue[] {
  const spec = isRecord(input) ? input : {};
  const given = (key: string) => Object.hasOwn(spec, key) && spec[key] !== undefined;
  const composite = given('objective') && isRecord(spec.objective) && Object.hasOwn(spec.objective, 'composite');
  const issues: ValidationIssue[] = [];
  if (given('objectives') && composite)
    issues.push({ path: 'objectives', message: 'cannot be combined with objective.composite: a composite is one objective (a weighted score); objectives are several, for a Pareto front; give one or the other' });
  else if (given('objectives') && given('objective'))
    issues.push({ path: 'objectives', message: 'cannot be combined with objective: give one objective, or 2 to 4 objectives for a Pareto front' });
  if (!given('objective') && !given('objectives')) issues.push({ path: 'objective', message: OBJECTIVE_REQUIRED });
  if (composite && !given('baseline'))
    issues.push({
      path: 'objective.composite',
      message: "needs a baseline: each metric is scored by its relative change from the baseline's measurement; add baseline: {params: {...}}, or baseline: true for the parameters' defaults",
    });
  return issues;
}
