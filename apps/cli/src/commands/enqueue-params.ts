import type { Parameter } from '@attune/core/search-space/parameter';
import { parse as parseYaml } from 'yaml';
import { CliError } from '../cli-error';

/** One configuration to enqueue, as the API takes it. */
export interface EnqueuedConfiguration {
  readonly params: Record<string, unknown>;
}

/**
 * A value typed by its parameter: text (from `--param`, or a quoted value in
 * a file) that spells a number becomes that number for a float or int
 * parameter, and becomes the categorical value it spells (`8`, `true`, `a`).
 * A value of the right type already, or one for a name that is no parameter,
 * goes as it is: the coordinator checks it against the space and names what
 * is wrong.
 */
export function typedValue(parameter: Parameter | undefined, value: unknown, where: string): unknown {
  if (parameter === undefined || typeof value !== 'string') return value;
  if (parameter.type !== 'categorical') {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(n)) throw new CliError(`${where}: ${JSON.stringify(value)} is not a number (${parameter.name} is ${parameter.type === 'int' ? 'an int' : 'a float'} parameter)`);
    return n;
  }
  const exact = parameter.values.find((v) => v === value);
  if (exact !== undefined) return exact;
  const spelled = parameter.values.find((v) => String(v) === value);
  if (spelled !== undefined) return spelled;
  throw new CliError(`${where}: ${JSON.stringify(value)} is not one of ${parameter.values.map((v) => JSON.stringify(v)).join(', ')}`);
}

/** `--param k=v` options as one configuration, each value typed by its parameter. */
export function configurationOfOptions(options: readonly string[], space: readonly Parameter[]): EnqueuedConfiguration {
  const params: Record<string, unknown> = Object.create(null);
  for (const option of options) {
    const eq = option.indexOf('=');
    if (eq <= 0) throw new CliError(`--param ${option}: must be NAME=VALUE`);
    const name = option.slice(0, eq);
    if (Object.hasOwn(params, name)) throw new CliError(`--param ${name}: given twice`);
    params[name] = typedValue(space.find((p) => p.name === name), option.slice(eq + 1), `--param ${name}`);
  }
  return { params: { ...params } };
}

/**
 * The configurations of a YAML or JSON file: a list of params objects, or
 * `{trials: [{params: {...}}, ...]}` as the API takes it; values typed by
 * their parameters.
 */
export function configurationsOfFile(text: string, file: string, space: readonly Parameter[]): EnqueuedConfiguration[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new CliError(`cannot parse ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const entries = listOf(doc);
  if (!entries) throw new CliError(`${file}: must be a list of params objects, or {trials: [{params: {...}}, ...]}`);
  return entries.map(({ params, at }) => {
    if (!isObject(params)) throw new CliError(`${file}: ${at} must be an object of parameter values`);
    const typed = Object.entries(params).map(([name, value]) => [name, typedValue(space.find((p) => p.name === name), value, `${file}: ${at}.${name}`)]);
    return { params: Object.fromEntries(typed) };
  });
}

function listOf(doc: unknown): { params: unknown; at: string }[] | undefined {
  if (Array.isArray(doc)) return doc.map((params, i) => ({ params, at: `[${i}]` }));
  if (!isObject(doc) || !Array.isArray(doc.trials) || Object.keys(doc).length !== 1) return undefined;
  const trials = doc.trials as unknown[];
  if (!trials.every((t) => isObject(t) && Object.keys(t).length === 1 && 'params' in t)) return undefined;
  return trials.map((t, i) => ({ params: (t as { params: unknown }).params, at: `trials[${i}].params` }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

