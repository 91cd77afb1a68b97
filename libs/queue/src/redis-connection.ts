import type { RedisOptions } from 'ioredis';
import type { RedisTls } from './redis-tls';

/**
 * ioredis options from a redis:// or rediss:// URL (host, port, credentials,
 * db, TLS with `tls`'s CA and client certificate). `connectionName` is what
 * `CLIENT LIST` shows for the connection.
 */
export function redisConnection(url: string, connectionName?: string, tls?: RedisTls): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username && { username: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(Number.isInteger(db) && db > 0 && { db }),
    ...(u.protocol === 'rediss:' && { tls: { ...tls } }),
    ...(connectionName && { connectionName }),
  };
}
