import type { ValidationIssue } from '../errors/attune-error';
import { isInDomain } from './encoding';
import { emptyParams, type Parameter, type Params, type ParamValue, type SearchSpace } from './parameter';

/** What a configuration given by hand may leave out: a parameter with a `default` takes it. */
export type Completion = 'every-parameter' | 'defaults-fill-in';

/**
 * Problems with a configuration written by a user (a bandit's arm, a
 * baseline, an enqueued trial) against the search space, each at
 * `<at>.<parameter>`: a name that is no parameter, a value outside its
 * domain, a parameter left out. With `defaults-fill-in`, a parameter left out
 * takes its `default` when it has one.
 */
export function checkConfiguration(space: SearchSpace, params: Readonly<Record<string, unknown>>, at: string, completion: Completion = 'every-parameter'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const names = new Set(space.map((p) => p.name));
  for (const p of space) {
    if (!Object.hasOwn(params, p.name)) {
      if (completion === 'every-parameter') issues.push({ path: `${at}.${p.name}`, message: 'is required: the configuration sets every parameter' });
      else if (p.default === undefined) issues.push({ path: `${at}.${p.name}`, message: 'is required: the parameter has no default to fall back on' });
    } else if (!isInDomain(p, params[p.name])) issues.push({ path: `${at}.${p.name}`, message: `${JSON.stringify(params[p.name])} ${domainText(p)}` });
  }
  for (const key of Object.keys(params)) if (!names.has(key)) issues.push({ path: `${at}.${key}`, message: `is not a parameter of the study (its parameters: ${[...names].join(', ')})` });
  return issues;
}

/** A checked configuration with the parameters it left out set to their defaults, in the space's order. */
export function completeConfiguration(space: SearchSpace, params: Readonly<Record<string, unknown>>): Params {
  const out = emptyParams();
  for (const p of space) out[p.name] = (Object.hasOwn(params, p.name) ? params[p.name] : p.default) as ParamValue;
  return out;
}

/** Why a value is not in a parameter's domain, to follow the value in a message. */
export function domainText(p: Parameter): string {
  if (p.type === 'categorical') return `is not one of ${p.values.map((v) => JSON.stringify(v)).join(', ')}`;
  const step = p.step !== undefined ? ` on steps of ${p.step} from ${p.min}` : '';
  return `is not ${p.type === 'int' ? 'an integer' : 'a number'} in [${p.min}, ${p.max}]${step}${p.log ? ' (log scale)' : ''}`;
}
