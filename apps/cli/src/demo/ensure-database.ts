import { Client } from 'pg';
import { CliError } from '../cli-error';

const UNDEFINED_DATABASE = '3D000';
const DUPLICATE_DATABASE = '42P04';

/**
 * Makes sure the database named in `url` exists: connects to it, and if
 * PostgreSQL says it does not exist, creates it from the `postgres` database
 * of the same server. Returns true when it created it.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  try {
    await withClient(url, async () => undefined);
    return false;
  } catch (e) {
    if ((e as { code?: string }).code !== UNDEFINED_DATABASE) throw unreachable(url, e);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  try {
    await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`));
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === DUPLICATE_DATABASE) return false;
    throw new CliError(`cannot create database "${name}" on ${target.host}: ${(e as Error).message}`);
  }
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function unreachable(url: string, e: unknown): CliError {
  const u = new URL(url);
  if (u.password) u.password = '***';
  const err = e as { code?: string; message?: string; errors?: { message?: string }[] };
  const why = err.message || err.errors?.[0]?.message || err.code || String(e);
  return new CliError(`cannot connect to PostgreSQL at ${u.toString()}: ${why}`, [
    'start it (e.g. `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or set DATABASE_URL',
  ]);
}
