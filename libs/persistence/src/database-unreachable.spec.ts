import { describe, expect, it } from 'vitest';
import { Client } from 'pg';
import { isDatabaseUnreachable } from './database-unreachable';

describe('isDatabaseUnreachable', () => {
  it('is true when nothing listens at the address', async () => {
    const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(() => undefined, (e: unknown) => e);
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it('is true for a server shutting down or starting, and for a connection lost mid-query, also wrapped', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable({ message: 'query failed', driverError: Object.assign(new Error('x'), { code: '08006' }) })).toBe(true);
  });

  it('is false for errors of the query itself', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error('relation "trials" does not exist'), { code: '42P01' }))).toBe(false);
    expect(isDatabaseUnreachable(new Error('strategy failed'))).toBe(false);
    expect(isDatabaseUnreachable(undefined)).toBe(false);
  });
});
