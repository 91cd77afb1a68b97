import { openDataSource } from '@attune/persistence/open-data-source';
import { assertPostgresReachable } from '@attune/persistence/postgres-probe';
import { pendingMigrations } from '@attune/persistence/run-migrations';
import type { CoordinatorConfig } from '../config/coordinator.config';

/**
 * Before anything else starts: PostgreSQL must answer (ServiceUnreachableError
 * otherwise), and with ATTUNE_MIGRATE=false someone else migrates (`attune
 * migrate`, the Kubernetes Job), so the schema must be up to date, empty
 * database included: a coordinator never serves, nor reports healthy, on a
 * schema it does not know.
 */
export async function checkDatabase(config: CoordinatorConfig): Promise<void> {
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
