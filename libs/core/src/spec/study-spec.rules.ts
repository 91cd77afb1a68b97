import type { ValidationIssue } from '../errors/attune-error';
import { checkConfiguration, domainText } from '../search-space/check-configuration';
import { gridOf, isInDomain } from '../search-space/encoding';
import type { NumericParameter, Parameter } from '../search-space/parameter';
import type { StudySpec } from './study-spec.schema';

/** Rules across fields that the schema's shapes cannot say. Returns every problem found. */
export function checkStudySpecRules(spec: StudySpec): ValidationIssue[] {
  const parameterIssues = checkParameterRules(spec.parameters);
  // A baseline is checked against a sound space only: otherwise its problems would be the space's.
  return [...(parameterIssues.length > 0 ? parameterIssues : checkBaseline(spec)), ...checkVerification(spec), ...checkPruner(spec)];
}

/** Verification compares the winner with the baseline, re-measured beside it: asking for it needs one. */
function checkVerification({ verification, baseline }: StudySpec): ValidationIssue[] {
  if (verification === undefined || verification === false || baseline !== undefined) return [];
  return [{ path: 'verification', message: "needs a baseline: the winner is re-measured beside the baseline and compared with it; add baseline: {params: {...}} (or true for the parameters' defaults), or drop verification" }];
}

/** A pruner compares one metric at each step: a Pareto study or a composite score has no such metric. */
function checkPruner({ pruner, objectives, objective }: StudySpec): ValidationIssue[] {
  if (pruner === undefined) return [];
  if (objectives !== undefined) return [{ path: 'pruner', message: 'cannot be used with several objectives: a pruner compares one metric at each step; drop pruner, or optimise one objective' }];
  if (objective !== undefined && 'composite' in objective) return [{ path: 'pruner', message: 'cannot be used with a composite objective: a pruner compares one metric at each step; drop pruner, or optimise one metric' }];
  return [];
}

/**
 * The baseline is a configuration of the space: `{params}` may leave out
 * parameters that have a `default`; `true` needs a default on every one.
 */
function checkBaseline({ baseline, parameters }: StudySpec): ValidationIssue[] {
  if (baseline === undefined) return [];
  if (baseline !== true) return checkConfiguration(parameters, baseline.params, 'baseline.params', 'defaults-fill-in');
  const without = parameters.filter((p) => p.default === undefined).map((p) => p.name);
  if (without.length === 0) return [];
  return [{ path: 'baseline', message: `is true, which measures every parameter's default, but ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} none: give each a default, or baseline: {params: {...}}` }];
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
  const issues = checkDomain(p, at);
  if (issues.length > 0 || p.default === undefined || isInDomain(p, p.default)) return issues;
  return [{ path: `${at}.default`, message: `${JSON.stringify(p.default)} ${domainText(p)}` }];
}

function checkDomain(p: Parameter, at: string): ValidationIssue[] {
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
  return issues.length > 0 ? issues : checkRepresentable(p, at);
}

/** A well-formed range must also be one that doubles can search: a finite width, and levels exactly on their step. */
function checkRepresentable(p: NumericParameter, at: string): ValidationIssue[] {
  if (!p.log && !Number.isFinite(p.max - p.min + (p.step ?? 0)))
    return [{ path: `${at}.max`, message: `max - min must be a finite number, got ${p.max - p.min + (p.step ?? 0)}: min (${p.min}) and max (${p.max}) are too far apart for a double` }];
  const grid = gridOf(p);
  if (!grid) return [];
  if (!grid.divides) {
    const last = grid.level(grid.count - 1);
    return [{ path: `${at}.step`, message: `must divide max - min exactly (levels are min + k·step): the last level would be ${last}, never max (${p.max}); use max: ${last} or max: ${grid.level(grid.count)}` }];
  }
  if (p.type === 'float' && grid.count > MAX_FLOAT_LEVELS)
    return [{ path: `${at}.step`, message: 'gives more than 1e9 levels; drop step for a continuous parameter' }];
  const spacing = ulp(Math.max(Math.abs(p.min), Math.abs(p.max)));
  if (p.type === 'float' && grid.step <= spacing)
    return [{ path: `${at}.step`, message: `must be above ${spacing}, the spacing of doubles near ${Math.max(Math.abs(p.min), Math.abs(p.max))}: finer levels would collide` }];
  return [];
}

const MAX_FLOAT_LEVELS = 1e9;

/** The gap between a positive double and the next one up (in its binade: at a power of two, the gap above it). */
function ulp(x: number): number {
  return x < 2 ** -1022 ? Number.MIN_VALUE : 2 ** (Math.floor(Math.log2(x)) - 52);
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
    else issues.push({ path: `parameters[${i}].name`, message: duplicateMessage(p.name, first, parameters[first]?.name ?? '') });
  });
  return issues;
}

function duplicateMessage(name: string, first: number, firstName: string): string {
  if (name === firstName) return `duplicates parameters[${first}].name "${firstName}"`;
  return `duplicates parameters[${first}].name "${firstName}" when case is ignored: names must differ in more than case (both would be the environment variable ATTUNE_PARAM_${name.toUpperCase()})`;
}
