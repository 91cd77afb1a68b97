import type { ValidationIssue } from '../errors/attune-error';
import { levelCount } from '../search-space/encoding';
import type { Parameter } from '../search-space/parameter';
import type { StudySpec } from './study-spec.schema';

/** Rules across fields that the schema's shapes cannot say. Returns every problem found. */
export function checkStudySpecRules(spec: StudySpec): ValidationIssue[] {
  return checkParameterRules(spec.parameters);
}

/**
 * The rules for a list of parameters; entries that are undefined (they failed
 * the schema, and say so elsewhere) are skipped, so every rule still speaks
 * about the parameters that did parse.
 */
export function checkParameterRules(parameters: readonly (Parameter | undefined)[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  parameters.forEach((p, i) => {
    if (p) issues.push(...checkParameter(p, `parameters[${i}]`));
  });
  issues.push(...checkUniqueNames(parameters));
  return issues;
}

function checkParameter(p: Parameter, at: string): ValidationIssue[] {
  if (p.type === 'categorical') {
    const seen = new Set<string>();
    const issues: ValidationIssue[] = [];
    p.values.forEach((v, j) => {
      const key = `${typeof v}:${String(v)}`;
      if (seen.has(key)) issues.push({ path: `${at}.values[${j}]`, message: `duplicates the value ${JSON.stringify(v)}` });
      seen.add(key);
    });
    return issues;
  }
  const issues: ValidationIssue[] = [];
  if (p.min >= p.max) issues.push({ path: `${at}.max`, message: `must be above min (${p.min}), got ${p.max}` });
  if (p.log && p.min <= 0) issues.push({ path: `${at}.min`, message: `must be above 0 on a log scale, got ${p.min}` });
  if (p.log && p.step !== undefined && p.type === 'float')
    issues.push({ path: `${at}.step`, message: 'cannot be combined with log: true for a float' });
  if (p.log && p.step !== undefined && p.step !== 1 && p.type === 'int')
    issues.push({ path: `${at}.step`, message: 'must be 1 (or absent) when log is true' });
  if (p.step !== undefined && p.min < p.max && p.step > p.max - p.min)
    issues.push({ path: `${at}.step`, message: `must not exceed max - min (${p.max - p.min}), got ${p.step}` });
  if (issues.length === 0 && p.type === 'float' && p.step !== undefined && (levelCount(p) ?? 0) > 1e9)
    issues.push({ path: `${at}.step`, message: 'gives more than 1e9 levels; drop step for a continuous parameter' });
  return issues;
}

function checkUniqueNames(parameters: readonly (Parameter | undefined)[]): ValidationIssue[] {
  // Names become ATTUNE_PARAM_<NAME> environment variables, so compare them upper-cased.
  const firstAt = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  parameters.forEach((p, i) => {
    if (!p) return;
    const key = p.name.toUpperCase();
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, i);
    else issues.push({ path: `parameters[${i}].name`, message: `duplicates parameters[${first}].name "${p.name}"` });
  });
  return issues;
}
