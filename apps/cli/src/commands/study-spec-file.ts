import { readFile } from 'node:fs/promises';
import { ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { parse as parseYaml } from 'yaml';
import { CliError } from '../cli-error';

/**
 * Reads and validates a study spec file locally (shape, rules and strategy
 * options), so mistakes are reported with file:line:col before anything is
 * sent. Returns the document as written, for the coordinator to validate again.
 */
export async function loadStudySpecFile(file: string): Promise<unknown> {
  const { text } = await readStudySpecFile(file);
  return parseYaml(text) as unknown;
}

/** Reads a study spec file and validates it as `loadStudySpecFile` does; returns its text and the validated spec (defaults applied). */
export async function readStudySpecFile(file: string): Promise<{ text: string; spec: StudySpec }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read study spec ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  // Lazy, and relative rather than @attune/…: `nest build` rewrites aliases in import declarations only.
  const { validateStudySpecText } = await import('../../../../libs/strategies/src/validate-study-spec.js');
  try {
    return { text, spec: validateStudySpecText(text, file) };
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const s = e.issues.length === 1 ? '' : 's';
    throw new CliError(`invalid study spec ${file} (${e.issues.length} problem${s}):`, e.issues.map((i) => issueWithLocationFirst(i, file)));
  }
}

/** `file:3:7: parameters[0].max: must be above min` — the location first, as compilers print it. */
export function issueWithLocationFirst(issue: ValidationIssue, file: string): string {
  const suffix = / \(([^()]+)\)$/s.exec(issue.message);
  const located = suffix && (suffix[1] === file || suffix[1].startsWith(`${file}:`)) ? suffix : null;
  const message = located ? issue.message.slice(0, located.index) : issue.message;
  const where = located ? `${located[1]}: ` : '';
  const startsWithLocation = /^\S+:\d+:\d+: /.test(message);
  return `${where}${issue.path && !startsWithLocation ? `${issue.path}: ` : ''}${message}`;
}
