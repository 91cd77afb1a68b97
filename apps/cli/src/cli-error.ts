import { AttuneError, type ValidationIssue } from '@attune/core/errors/attune-error';

/**
 * A failure the CLI reports as one `attune: <message>` line, optionally followed
 * by detail lines (one per validation issue), then exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
    readonly exitCode = 1,
    /** The coordinator's HTTP status, when the failure is its answer. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The coordinator answered 404: the thing asked for does not exist (yet). */
export function isNotFound(e: unknown): boolean {
  return e instanceof CliError && e.status === 404;
}

/** The lines to print on stderr for an error thrown by a command. */
export function errorLines(error: unknown): string[] {
  if (error instanceof CliError) return [`attune: ${error.message}`, ...error.details.map((d) => `  ${d}`)];
  if (error instanceof AttuneError && error.issues.length > 1) {
    // A library may prefix the joined issues with what was invalid ("invalid targets file x.yaml: ...").
    const joined = error.issues.map(issueText).join('; ');
    const prefix = error.message.endsWith(joined) ? error.message.slice(0, -joined.length).replace(/[:\s]+$/, '') : '';
    return [`attune: ${prefix || 'invalid input'}:`, ...error.issues.map((i) => `  ${issueText(i)}`)];
  }
  return [`attune: ${messageOf(error)}`];
}

function issueText(issue: ValidationIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's network errors (pg, ioredis) can carry an empty message and only a code.
  const code = (error as NodeJS.ErrnoException).code;
  const message = error.message.split('\n')[0] || (error instanceof AggregateError ? messageOf(error.errors[0]) : '');
  return message || code || error.name;
}
