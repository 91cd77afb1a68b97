import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AttuneError } from '@attune/core/errors/attune-error';
import type { Parameter } from '@attune/core/search-space/parameter';
import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import { parameterSchema } from '@attune/core/spec/study-spec.schema';
import type { Direction } from '@attune/core/trial/trial-view';
import { detachedEvaluationContext, type EvaluationContext } from './evaluation-context';
import { importModule } from './import-module';

/**
 * An objective module's evaluate: returns (or resolves to) one number (the
 * metric `value`) or named metrics. The context (report, signal) is a second
 * argument, so objectives written for `evaluate(params)` work unchanged.
 */
export type EvaluateFn = (params: Record<string, unknown>, context: EvaluationContext) => unknown;

/** An objective found in a module, with whatever search space and direction it declares. */
export interface LoadedObjective {
  /** The export or problem name, else the file's base name. */
  readonly name: string;
  /** The objective's evaluate; without a context it gets one that reports nowhere and is never aborted. */
  readonly evaluate: (params: Record<string, unknown>, context?: EvaluationContext) => unknown;
  readonly parameters?: readonly Parameter[];
  readonly direction?: Direction;
  /** Absolute path of the module. */
  readonly file: string;
}

/**
 * Loads an objective from a JS/MJS/CJS/TS module. Resolution rules:
 * - with an export name: the export of that name if it is a function (it is
 *   `evaluate`) or an object with an `evaluate` function; otherwise the entry
 *   of the module's `problems` array whose `name` matches (the format of
 *   bench/problems.mjs: `{name, parameters, direction, evaluate}`);
 * - without one: the `evaluate` export (with `parameters` and `direction`
 *   exports if present), else the default export if it is a function or an
 *   object with `evaluate`.
 * For CommonJS modules the properties of `module.exports` count as exports.
 * Relative paths resolve against `cwd` (default: the process's working directory).
 */
export async function loadObjective(file: string, exportName?: string, cwd = process.cwd()): Promise<LoadedObjective> {
  const abs = path.resolve(cwd, file);
  const label = exportName === undefined ? abs : `${abs}#${exportName}`;
  if (!fs.existsSync(abs)) throw new AttuneError('NOT_FOUND', `objective module not found: ${abs}`);
  let ns: Record<string, unknown>;
  try {
    ns = await importModule(abs);
  } catch (e) {
    throw new AttuneError('INVALID_ARGUMENT', `objective module ${abs} failed to load: ${(e as Error).message}`);
  }
  const found = exportName === undefined ? findDefault(ns) : findNamed(ns, exportName);
  if (!found) throw new AttuneError('NOT_FOUND', `objective ${label}: ${notFoundReason(ns, exportName)}`);
  return describe(found, exportName ?? path.basename(abs, path.extname(abs)), abs, label);
}

type Candidate = { evaluate: EvaluateFn; parameters?: unknown; direction?: unknown; name?: unknown };

/** An export by name; for CommonJS, a property of `module.exports` (which arrives as the default export). */
function lookup(ns: Record<string, unknown>, key: string): unknown {
  if (key in ns) return ns[key];
  return isObject(ns.default) ? ns.default[key] : undefined;
}

function problemsOf(ns: Record<string, unknown>): unknown[] {
  const problems = lookup(ns, 'problems');
  if (Array.isArray(problems)) return problems;
  return Array.isArray(ns.default) ? ns.default : [];
}

function findNamed(ns: Record<string, unknown>, name: string): Candidate | undefined {
  const direct = asCandidate(lookup(ns, name));
  if (direct) return direct;
  return asCandidate(problemsOf(ns).find((p) => isObject(p) && p.name === name));
}

function findDefault(ns: Record<string, unknown>): Candidate | undefined {
  if (typeof ns.evaluate === 'function') {
    return { evaluate: ns.evaluate as EvaluateFn, parameters: ns.parameters, direction: ns.direction };
  }
  return asCandidate(ns.default);
}

function asCandidate(value: unknown): Candidate | undefined {
  if (typeof value === 'function') return { evaluate: value as EvaluateFn };
  if (isObject(value) && typeof value.evaluate === 'function') {
    const evaluate = (value.evaluate as EvaluateFn).bind(value);
    return { evaluate, parameters: value.parameters, direction: value.direction, name: value.name };
  }
  return undefined;
}

function notFoundReason(ns: Record<string, unknown>, exportName: string | undefined): string {
  const names = Object.keys(ns).filter((k) => k !== '__esModule');
  const listed = names.length ? names.map((n) => `"${n}"`).join(', ') : 'none';
  if (exportName === undefined) {
    return `the module has no "evaluate" export and its default export is not a function or an object with evaluate() (exports: ${listed})`;
  }
  const problemNames = problemsOf(ns).map((p) => (isObject(p) ? String(p.name) : '?'));
  const problemPart = problemNames.length ? ` and no problem of that name in its "problems" array (${problemNames.join(', ')})` : '';
  return `no export "${exportName}" that is a function or an object with evaluate()${problemPart} (exports: ${listed})`;
}

const declaredShape = z.object({
  parameters: z.array(parameterSchema).min(1, 'must list at least one parameter').optional(),
  direction: z.enum(['minimize', 'maximize']).optional(),
});

function describe(c: Candidate, fallbackName: string, file: string, label: string): LoadedObjective {
  const parsed = declaredShape.safeParse({ parameters: c.parameters, direction: c.direction }, { reportInput: true });
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues).map((i) => `${i.path}: ${i.message}`);
    throw new AttuneError('INVALID_ARGUMENT', `objective ${label}: ${issues.join('; ')}`);
  }
  const name = typeof c.name === 'string' && c.name ? c.name : fallbackName;
  const evaluate = (params: Record<string, unknown>, context = detachedEvaluationContext()) => c.evaluate(params, context);
  return { name, evaluate, file, ...definedOnly(parsed.data) };
}

function definedOnly(d: z.infer<typeof declaredShape>): Pick<LoadedObjective, 'parameters' | 'direction'> {
  return {
    ...(d.parameters ? { parameters: d.parameters as Parameter[] } : {}),
    ...(d.direction ? { direction: d.direction } : {}),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
