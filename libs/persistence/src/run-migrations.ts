import type { DataSource } from 'typeorm';

// Session-level advisory lock key: coordinators starting together migrate one after another.
const MIGRATION_LOCK_SQL = `SELECT pg_advisory_lock(hashtext('attune.migrations'))`;
const MIGRATION_UNLOCK_SQL = `SELECT pg_advisory_unlock(hashtext('attune.migrations'))`;

/**
 * Applies pending migrations (each in its own transaction) and returns the
 * names applied. Safe to call from several processes at once. The data source
 * must be initialised (see `openDataSource`, which also creates the schema).
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(MIGRATION_LOCK_SQL);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query(MIGRATION_UNLOCK_SQL).catch(() => undefined);
    await runner.release();
  }
}

/** Reverts the last applied migration (the `down` of migrations, for tests and operators). */
export async function revertLastMigration(dataSource: DataSource): Promise<void> {
  await dataSource.undoLastMigration({ transaction: 'each' });
}
