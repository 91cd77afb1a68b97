import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { checkRedis } from './check-redis';
import { freePort } from './demo-support';
import { ensureDatabase } from './ensure-database';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  } finally {
    await client.end();
  }
}

describe('demo prerequisites on the real services', () => {
  it('creates a missing database once, then finds it', async () => {
    const name = `t_cli_${randomBytes(4).toString('hex')}`;
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    try {
      expect(await ensureDatabase(url)).toBe(true);
      expect(await ensureDatabase(url)).toBe(false);
    } finally {
      await dropDatabase(name);
    }
  });

  it('says where PostgreSQL could not be reached', async () => {
    const port = await freePort();
    await expect(ensureDatabase(`postgres://postgres@127.0.0.1:${port}/attune`)).rejects.toThrow(`cannot connect to PostgreSQL at postgres://postgres@127.0.0.1:${port}/attune`);
  });

  it('accepts the running Redis and names a Redis that is not there', async () => {
    await expect(checkRedis('redis://127.0.0.1:6379')).resolves.toBeUndefined();
    const port = await freePort();
    await expect(checkRedis(`redis://127.0.0.1:${port}`)).rejects.toThrow(`Redis is not answering at 127.0.0.1:${port} (ECONNREFUSED)`);
  });
});
