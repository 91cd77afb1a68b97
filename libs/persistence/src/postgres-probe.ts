import { ServiceUnreachableError } from '@attune/core/errors/service-unreachable.error';
import { pgFailureReason, withClient } from './pg-client';

/** Throws ServiceUnreachableError unless PostgreSQL at `url` accepts a connection and a query within `timeoutMs`. */
export async function assertPostgresReachable(url: string, timeoutMs = 5000): Promise<void> {
  try {
    await withClient(url, (client) => client.query('SELECT 1'), timeoutMs);
  } catch (e) {
    throw new ServiceUnreachableError('PostgreSQL', url, pgFailureReason(e));
  }
}
