import { AttuneError } from '@attune/core/errors/attune-error';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AuthenticatedPrincipal } from './authenticator.service';

const THROTTLER = 'token';

function principalIn(context: ExecutionContext): AuthenticatedPrincipal | undefined {
  return context.switchToHttp().getRequest<{ principal?: AuthenticatedPrincipal }>().principal;
}

/**
 * A project's `requestsPerMinute`, per token, over a sliding minute, counted
 * by @nestjs/throttler in this process's memory (with several coordinators
 * behind a load balancer each counts its own share). Runs after the
 * AccessGuard, which has found the token and its project's limit; a request
 * without one (authentication off, a token of every project, a project
 * without the limit, an open route) is not counted.
 */
export const REQUEST_RATE_OPTIONS: ThrottlerModuleOptions = {
  throttlers: [
    {
      name: THROTTLER,
      ttl: 60_000,
      // Refused once `limit` requests are in the last minute, until the oldest leaves it: no fixed-window burst of 2× the limit.
      blockDuration: 0,
      limit: (context) => principalIn(context)?.requestsPerMinute ?? Number.MAX_SAFE_INTEGER,
      skipIf: (context) => principalIn(context)?.requestsPerMinute === undefined,
    },
  ],
  // One count per token across every route, not one per route.
  getTracker: (req) => (req as { principal?: AuthenticatedPrincipal }).principal?.token?.id ?? 'anonymous',
  generateKey: (_context, tracker, name) => `${name}:${tracker}`,
};

/** @nestjs/throttler's guard, refusing with the API's error body, naming the limit. */
@Injectable()
export class RequestRateGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const principal = principalIn(context);
    throw new AttuneError(
      'LIMIT_EXCEEDED',
      `project ${principal?.project ?? '?'} allows ${detail.limit} requests per minute per token (limits.requestsPerMinute): try again in ${detail.timeToBlockExpire} s`,
    );
  }
}
