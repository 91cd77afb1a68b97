import { describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';
import { parseDatabaseConfig } from './database.config';
import { assertPostgresReachable } from './postgres-probe';

// The machine's PostgreSQL speaks no TLS (ssl = off): a connection that asks for TLS must be refused, which
// shows that libpq's TLS parameters in DATABASE_URL reach every connection Attune opens.
const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe("PostgreSQL TLS settings in DATABASE_URL (libpq's sslmode, sslrootcert, sslcert, sslkey)", () => {
  it('sslmode=require reaches the probe and the pools: refused by a server without TLS', async () => {
    const config = parseDatabaseConfig({ DATABASE_URL: `${base}?sslmode=require`, DATABASE_SCHEMA: 'public' });
    await expect(assertPostgresReachable(config.url, 3000)).rejects.toThrow(/does not support SSL/);
    await expect(new DataSource(dataSourceOptions(config, 1)).initialize()).rejects.toThrow(/does not support SSL/);
  });

  it('sslmode=disable connects in clear, as without it', async () => {
    await expect(assertPostgresReachable(`${base}?sslmode=disable`, 3000)).resolves.toBeUndefined();
  });

  it('a CA file that does not exist is named', async () => {
    await expect(assertPostgresReachable(`${base}?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem`, 3000)).rejects.toThrow(/ENOENT.*\/nonexistent\/ca\.pem/);
  });
});
