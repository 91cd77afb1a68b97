import { ensureDatabase as ensureDatabaseExists, EnsureDatabaseError } from '@attune/persistence/ensure-database';
import { CliError } from '../cli-error';
import { redactUrl } from '@attune/core/url/redact-url';

/**
 * Makes sure the database named in `url` exists (creating it if PostgreSQL
 * says it does not); returns true when it created it. Failures become a
 * CliError naming the server and what to do.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  try {
    return await ensureDatabaseExists(url);
  } catch (e) {
    if (!(e instanceof EnsureDatabaseError)) throw e;
    if (e.step === 'create') throw new CliError(`cannot create database "${e.database}" on ${new URL(url).host}: ${e.reason}`);
    throw new CliError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${e.reason}`, [
      'start it (e.g. `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or set DATABASE_URL',
    ]);
  }
}
