import type { ErrorCode } from '@attune/core/errors/attune-error';
import { HttpStatus } from '@nestjs/common';

/** The one place where error codes become HTTP statuses; exhaustive, so a new code cannot be forgotten. */
export function httpStatusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case 'INVALID_SPEC':
    case 'INVALID_ARGUMENT':
    case 'UNKNOWN_STRATEGY':
      return HttpStatus.BAD_REQUEST;
    case 'NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'CONFLICT':
    case 'SEARCH_SPACE_EXHAUSTED':
      return HttpStatus.CONFLICT;
    case 'UNAVAILABLE':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'UNAUTHENTICATED':
      return HttpStatus.UNAUTHORIZED;
    case 'FORBIDDEN':
      return HttpStatus.FORBIDDEN;
    case 'LIMIT_EXCEEDED':
      return HttpStatus.TOO_MANY_REQUESTS;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for error code ${String(unhandled)}`);
    }
  }
}
