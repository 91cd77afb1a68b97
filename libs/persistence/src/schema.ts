import { Client } from 'pg';
import type { DatabaseConfig } from './database.config';

/**
 * Creates the configured schema if it does not exist. Runs before TypeORM
 * connects, because a search_path naming a missing schema leaves TypeORM
 * without a current schema.
 */
export async function ensureSchema(config: DatabaseConfig): Promise<void> {
  const client = new Client({ connectionString: config.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"`);
  } catch (e) {
    // Two processes creating it at once: the loser sees a duplicate; the schema exists either way.
    if (!isDuplicate(e)) throw e;
  } finally {
    await client.end();
  }
}

/** Drops a schema and everything in it (tests and the CI migration check). */
export async function dropSchema(config: DatabaseConfig): Promise<void> {
  const client = new Client({ connectionString: config.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

function isDuplicate(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '23505' || code === '42P06';
}
