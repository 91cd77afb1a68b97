import { randomBytes } from 'node:crypto';
import { deleteKeys, dropSchema } from '../../bench/e2e/service-cleanup';

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
