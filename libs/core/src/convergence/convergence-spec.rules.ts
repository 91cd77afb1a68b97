import type { ValidationIssue } from '../errors/attune-error';
import { isRecord } from '../spec/is-record';

const RULE_FIELDS = ['maxDurationSec', 'targetImprovement', 'patience', 'improvementVariance', 'regretBound'] as const;

/**
 * The rules across `convergence` and the rest of a spec. Like the objective's
 * (`checkObjectiveRules`) they read the input as given, whether or not it
 * parses, so that they are reported in the same pass as each field's own
 * problems; only which fields are there matters to them.
 *
 * - `convergence` names at least one rule (`minTrials` alone stops nothing).
 * - `targetImprovement` needs a baseline: an improvement is relative to it.
 * - `minDelta` needs `patience`: it is the size of an improvement that counts.
 * - A Pareto study (`objectives`) has no single best loss: its patience counts
 *   trials since the front last grew, and the rules that measure a best loss
 *   (`minDelta`, `targetImprovement`, `improvementVariance`, `regretBound`)
 *   are refused.
 */
export function checkConvergenceRules(input: unknown): ValidationIssue[] {
  const spec = isRecord(input) ? input : {};
  if (!isRecord(spec.convergence)) return [];
  const convergence = spec.convergence;
  const given = (record: Record<string, unknown>, key: string) => Object.hasOwn(record, key) && record[key] !== undefined;
  const at = (field: string) => `convergence.${field}`;
  const issues: ValidationIssue[] = [];
  if (!RULE_FIELDS.some((f) => given(convergence, f)))
    issues.push({ path: 'convergence', message: `must give at least one rule: ${RULE_FIELDS.join(', ')} (or leave convergence out to stop at the trial budget)` });
  if (given(convergence, 'minDelta') && !given(convergence, 'patience'))
    issues.push({ path: at('minDelta'), message: 'needs patience: minDelta is how much better than the best a trial must be to reset the patience count' });
  if (given(spec, 'objectives')) {
    issues.push(...paretoIssues(convergence, given));
    return issues;
  }
  if (given(convergence, 'targetImprovement') && !given(spec, 'baseline'))
    issues.push({
      path: at('targetImprovement'),
      message: "needs a baseline: the target is an improvement over the baseline's measurement; add baseline: {params: {...}}, or baseline: true for the parameters' defaults",
    });
  return issues;
}

const PARETO_REFUSALS: Record<string, string> = {
  minDelta: 'cannot be used with objectives (a Pareto front has no single best loss to improve on by minDelta); patience alone counts the trials since a trial last joined the front',
  targetImprovement: 'cannot be used with objectives (a Pareto front has no single improvement over the baseline); use maxDurationSec or patience',
  improvementVariance: 'cannot be used with objectives (a Pareto front has no single best-so-far loss); use patience, which counts the trials since a trial last joined the front',
  regretBound: 'cannot be used with objectives (the regret bound models one loss); use patience, which counts the trials since a trial last joined the front',
};

function paretoIssues(convergence: Record<string, unknown>, given: (r: Record<string, unknown>, k: string) => boolean): ValidationIssue[] {
  return Object.entries(PARETO_REFUSALS)
    .filter(([field]) => given(convergence, field))
    .map(([field, message]) => ({ path: `convergence.${field}`, message }));
}
