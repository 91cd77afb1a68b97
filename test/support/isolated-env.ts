import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/** A PostgreSQL schema and a BullMQ queue prefix of one's own, for one test file. */
export interface IsolatedEnv {
  readonly databaseUrl: string;
  readonly schema: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  /** The environment a coordinator or worker process needs to use this isolation. */
  readonly env: Record<string, string>;
  /** Drops the schema and deletes every Redis key under the prefix. */
  cleanup(): Promise<void>;
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface IsolatedEnvOptions {
  /** Write the queue prefix as a Redis Cluster hash tag, `{t_<random>}`. @default false */
  readonly hashTagPrefix?: boolean;
}

/**
 * Makes a fresh schema name `t_<random>` and queue prefix `t_<random>` (the
 * schema itself is created by whoever opens the data source, as in
 * production). Tests read TEST_DATABASE_URL / TEST_REDIS_URL to point elsewhere.
 */
export function createIsolatedEnv(options: IsolatedEnvOptions = {}): IsolatedEnv {
  const id = randomBytes(5).toString('hex');
  const databaseUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL ?? DEFAULT_REDIS_URL;
  const schema = `t_${id}`;
  const queuePrefix = options.hashTagPrefix ? `{t_${id}}` : `t_${id}`;
  return {
    databaseUrl,
    schema,
    redisUrl,
    queuePrefix,
    env: { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, ATTUNE_QUEUE_PREFIX: queuePrefix },
    cleanup: async () => {
      await dropSchema(databaseUrl, schema);
      // Braces are literal in a SCAN pattern (only * ? [ ] and \ are special), so a hash-tag prefix matches as written.
      await deleteKeys(redisUrl, `${queuePrefix}:*`);
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
