import fs from 'node:fs';
import path from 'node:path';
import { AttuneError, ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';
import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import { parseYamlDocument } from '@attune/core/spec/parse-yaml-document';
import type { TargetDefinition } from './target-definition';
import { targetSchema, targetsFileSchema, type TargetsFile } from './targets-file.schema';

/**
 * Reads and validates a targets file (YAML or JSON). Relative `module` and
 * `cwd` paths resolve against the file's directory. Throws a ValidationError
 * whose message starts with the file's path and lists every problem, each
 * naming its field (`targets[1].command: must be a non-empty list of strings`).
 */
export function loadTargetsFile(file: string): TargetDefinition[] {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new AttuneError('NOT_FOUND', `targets file not found: ${abs}`);
  return parseTargetsText(fs.readFileSync(abs, 'utf8'), abs);
}

/** As loadTargetsFile, from text; `file` names the source and anchors relative paths. */
export function parseTargetsText(text: string, file: string): TargetDefinition[] {
  const { doc, problem } = parseYamlDocument(text, 'a targets file');
  if (problem) throw invalid(file, [{ path: '', message: `line ${problem.line}, column ${problem.col}: ${problem.message}` }]);
  const raw: unknown = doc.toJS() ?? {};
  const parsed = targetsFileSchema.safeParse(raw, { reportInput: true });
  const dir = path.dirname(file);
  if (!parsed.success) throw invalid(file, [...formatZodIssues(parsed.error.issues), ...checkTargets(parsableTargets(raw, dir))]);
  const targets = parsed.data.targets.map((t) => resolvePaths(t, dir));
  const issues = checkTargets(targets);
  if (issues.length > 0) throw invalid(file, issues);
  return targets;
}

/** When the file fails its schema, the targets that do parse are still checked, in the same pass; the others are undefined. */
function parsableTargets(raw: unknown, dir: string): (TargetDefinition | undefined)[] {
  const targets = (raw as { targets?: unknown } | null)?.targets;
  if (!Array.isArray(targets)) return [];
  return targets.map((t) => {
    const parsed = targetSchema.safeParse(t);
    return parsed.success ? resolvePaths(parsed.data, dir) : undefined;
  });
}

function resolvePaths(t: TargetsFile['targets'][number], dir: string): TargetDefinition {
  if (t.type === 'module') return { ...t, module: path.resolve(dir, t.module) };
  return { ...t, cwd: path.resolve(dir, t.cwd ?? '.') };
}

function checkTargets(targets: readonly (TargetDefinition | undefined)[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    if (!t) return;
    if (seen.has(t.name)) issues.push({ path: `targets[${i}].name`, message: `duplicates the target name "${t.name}"` });
    seen.add(t.name);
    if (t.type === 'module' && !isFile(t.module)) issues.push({ path: `targets[${i}].module`, message: `no such file: ${t.module}` });
    if (t.type === 'command' && !isDirectory(t.cwd)) issues.push({ path: `targets[${i}].cwd`, message: `no such directory: ${t.cwd}` });
  });
  return issues;
}

function invalid(file: string, issues: ValidationIssue[]): ValidationError {
  const error = new ValidationError(issues);
  error.message = `invalid targets file ${file}: ${error.message}`;
  return error;
}

function isFile(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
