import { MigrationExecutor, type DataSource, type QueryRunner } from 'typeorm';

/**
 * Applies pending migrations (each in its own transaction) and returns the
 * names applied. Safe to call from several processes at once: a session-level
 * advisory lock per schema makes them migrate one after another. Everything
 * runs on one connection, so a pool of size 1 is enough. The data source must
 * be initialised (see `openDataSource`, which also creates the schema).
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  return withMigrationLock(dataSource, async (runner) => {
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    return (await executor.executePendingMigrations()).map((m) => m.name);
  });
}

/**
 * Names of the migrations not yet applied to the data source's schema. Only
 * reads: a schema without the migrations table has every migration pending.
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  return (await new MigrationExecutor(dataSource).getPendingMigrations()).map((m) => m.name);
}

/** Reverts the last applied migration (the `down` of migrations, for tests and operators). */
export async function revertLastMigration(dataSource: DataSource): Promise<void> {
  await withMigrationLock(dataSource, async (runner) => {
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    await executor.undoLastMigration();
  });
}

async function withMigrationLock<T>(dataSource: DataSource, fn: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('attune.migrations'), hashtext($1))`, [schema]);
    try {
      return await fn(runner);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('attune.migrations'), hashtext($1))`, [schema]);
    }
  } finally {
    await runner.release();
  }
}
