/** Every coded failure of the libraries; the coordinator maps each code to one HTTP status. */
export const ERROR_CODES = [
  'INVALID_SPEC',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_STRATEGY',
  'SEARCH_SPACE_EXHAUSTED',
  /** The coordinator cannot answer now (a computation's thread died or timed out): try again. */
  'UNAVAILABLE',
  /** No credentials, or a token that is unknown, expired or revoked. */
  'UNAUTHENTICATED',
  /** The caller's role does not allow this. (Another project's study is NOT_FOUND, never FORBIDDEN.) */
  'FORBIDDEN',
  /** A project's limit or a rate limit: the message names it. */
  'LIMIT_EXCEEDED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with an input, named by its path (`parameters[1].min`). */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export class AttuneError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'AttuneError';
  }
}

/** A spec or option failed validation; `issues` lists every problem found. */
export class ValidationError extends AttuneError {
  constructor(issues: readonly ValidationIssue[]) {
    super('INVALID_SPEC', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues);
    this.name = 'ValidationError';
  }
}
