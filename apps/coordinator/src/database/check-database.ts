import { ensureDatabase, EnsureDatabaseError } from '@attune/persistence/ensure-database';
import { openDataSource } from '@attune/persistence/open-data-source';
import { assertPostgresReachable } from '@attune/persistence/postgres-probe';
import { pendingMigrations } from '@attune/persistence/run-migrations';
import type { CoordinatorConfig } from '../config/coordinator.config';

/**
 * Before anything else starts: PostgreSQL must answer (ServiceUnreachableError
 * otherwise); a coordinator that migrates creates its database when the
 * server says it does not exist (as `npm run demo` does), so that the first
 * start on a fresh server just works; with ATTUNE_MIGRATE=false someone else migrates (`attune
 * migrate`, the Kubernetes Job), so the schema must be up to date, empty
 * database included: a coordinator never serves, nor reports healthy, on a
 * schema it does not know.
 */
export async function checkDatabase(config: CoordinatorConfig, log: (line: string) => void = () => undefined): Promise<void> {
  if (config.migrate && (await createDatabaseIfMissing(config.database.url))) log(`created the database "${databaseName(config.database.url)}"`);
  await assertPostgresReachable(config.database.url);
  if (config.migrate) return;
  const dataSource = await openDataSource(config.database, 1);
  let pending: string[];
  try {
    pending = await pendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  if (pending.length === 0) return;
  throw new Error(
    `ATTUNE_MIGRATE=false and ${pending.length} migration(s) are not applied to schema "${config.database.schema}" ` +
      `(${pending.join(', ')}): run \`attune migrate\` first (on Kubernetes, the attune-migrate Job), or set ATTUNE_MIGRATE=true`,
  );
}

/** True when it created the database; a server it cannot reach is left to assertPostgresReachable to report. */
async function createDatabaseIfMissing(url: string): Promise<boolean> {
  try {
    return await ensureDatabase(url);
  } catch (e) {
    if (e instanceof EnsureDatabaseError && e.step === 'connect') return false;
    throw e;
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}
