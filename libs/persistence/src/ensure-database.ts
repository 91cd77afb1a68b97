import { pgFailureReason as reasonOf, withClient } from './pg-client';

const UNDEFINED_DATABASE = '3D000';
const DUPLICATE_DATABASE = '42P04';

/** ensureDatabase could not reach the server (`connect`) or could not create the database (`create`). */
export class EnsureDatabaseError extends Error {
  constructor(
    readonly step: 'connect' | 'create',
    /** The database named in the URL. */
    readonly database: string,
    /** PostgreSQL's or the network's reason. */
    readonly reason: string,
  ) {
    super(step === 'connect' ? `cannot connect to PostgreSQL: ${reason}` : `cannot create database "${database}": ${reason}`);
    this.name = 'EnsureDatabaseError';
  }
}

/**
 * Makes sure the database named in `url` exists: connects to it, and if
 * PostgreSQL says it does not exist, creates it from the `postgres` database
 * of the same server. Returns true when it created it; throws EnsureDatabaseError.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  try {
    await withClient(url, async () => undefined);
    return false;
  } catch (e) {
    if (codeOf(e) !== UNDEFINED_DATABASE) throw new EnsureDatabaseError('connect', name, reasonOf(e));
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  try {
    await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`));
    return true;
  } catch (e) {
    // Two processes creating it at once: it exists either way.
    if (codeOf(e) === DUPLICATE_DATABASE) return false;
    throw new EnsureDatabaseError('create', name, reasonOf(e));
  }
}

function codeOf(e: unknown): string | undefined {
  return (e as { code?: string }).code;
}
