import { AttuneError } from '@attune/core/errors/attune-error';
import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';

const WINDOW_MS = 60_000;
const THROTTLER_NAME = 'auth-failures';

/**
 * Guessing tokens is slowed to ATTUNE_AUTH_FAILURES_PER_MINUTE per client
 * address: past that, the address is refused (429) for a minute, whatever
 * it sends, so that a right guess in the blocked minute does not get in.
 * Counted in the throttler's storage, per coordinator process.
 */
@Injectable()
export class FailedAuthentications {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
  ) {}

  /** LIMIT_EXCEEDED while `address` is blocked. */
  assertAllowed(address: string, now = Date.now()): void {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return;
    if (until <= now) {
      this.blockedUntil.delete(address);
      return;
    }
    throw this.refusal(Math.ceil((until - now) / 1000));
  }

  /** Counts a failure; the one past the limit blocks the address and is refused itself. */
  async record(address: string): Promise<void> {
    const limit = this.config.auth.failuresPerMinute;
    const hits = await this.storage.increment(`${THROTTLER_NAME}:${address}`, WINDOW_MS, limit, 0, THROTTLER_NAME);
    if (hits.totalHits <= limit) return;
    this.blockedUntil.set(address, Date.now() + WINDOW_MS);
    throw this.refusal(WINDOW_MS / 1000);
  }

  private refusal(retryAfterSec: number): AttuneError {
    return new AttuneError(
      'LIMIT_EXCEEDED',
      `too many failed authentications from this address (more than ${this.config.auth.failuresPerMinute} a minute, ATTUNE_AUTH_FAILURES_PER_MINUTE): try again in ${retryAfterSec} s`,
    );
  }
}
