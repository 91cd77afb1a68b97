import { readFile } from 'node:fs/promises';
import { ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';
import { parse as parseYaml } from 'yaml';
import { CliError } from '../cli-error';

/**
 * Reads and validates a study spec file locally (shape, rules and strategy
 * options), so mistakes are reported with file:line:col before anything is
 * sent. Returns the document as written, for the coordinator to validate again.
 */
export async function loadStudySpecFile(file: string): Promise<unknown> {
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
    validateStudySpecText(text, file);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const s = e.issues.length === 1 ? '' : 's';
    throw new CliError(`invalid study spec ${file} (${e.issues.length} problem${s}):`, e.issues.map((i) => issueWithLocationFirst(i, file)));
  }
  return parseYaml(text) as unknown;
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
