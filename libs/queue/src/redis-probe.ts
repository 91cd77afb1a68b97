import { ServiceUnreachableError } from '@attune/core/errors/service-unreachable.error';
import { Redis } from 'ioredis';
import { redisConnection } from './redis-connection';
import type { RedisTls } from './redis-tls';

/**
 * Why Redis at `url` cannot be used, or undefined when it answers PING within
 * `timeoutMs`; on a throwaway connection that never retries.
 */
export async function redisProblem(url: string, timeoutMs = 5000, tls?: RedisTls): Promise<string | undefined> {
  const redis = new Redis({
    ...redisConnection(url, undefined, tls),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let firstError: Error | undefined;
  redis.on('error', (e: Error) => (firstError ??= e));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (e) {
    return reasonOf(firstError ?? e);
  } finally {
    redis.disconnect();
  }
}

/** Throws ServiceUnreachableError unless Redis at `url` answers PING within `timeoutMs`. */
export async function assertRedisReachable(url: string, tls?: RedisTls, timeoutMs = 5000): Promise<void> {
  const problem = await redisProblem(url, timeoutMs, tls);
  if (problem !== undefined) throw new ServiceUnreachableError('Redis', url, problem);
}

// A refused connection to a host with several addresses is an AggregateError with an empty message.
function reasonOf(e: unknown): string {
  const err = e as { message?: string; code?: string; errors?: { message?: string }[] };
  return err.message || err.errors?.[0]?.message || err.code || String(e);
}
