import { Redis } from 'ioredis';
import { redisConnection } from '@attune/queue/redis-connection';
import { settleWithin } from './settle-within';

/** Whether Redis answers PING within `timeoutMs`, on a throwaway connection. */
export async function redisReachable(url: string, timeoutMs = 1000): Promise<boolean> {
  const redis = new Redis({ ...redisConnection(url), lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  let answered = false;
  const ping = redis
    .connect()
    .then(() => redis.ping())
    .then(() => (answered = true), () => undefined);
  await settleWithin(ping, timeoutMs);
  redis.disconnect();
  return answered;
}
