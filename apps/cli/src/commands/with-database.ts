import { redactUrl } from '@attune/core/url/redact-url';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';

/** The persistence library's data source, named without importing TypeORM here. */
type DataSource = Awaited<ReturnType<typeof import('../../../../libs/persistence/src/open-data-source.js').openDataSource>>;

/** Where a command worked: `schema "public" of postgres://…` (password hidden). */
export type DatabaseWhere = string;

/**
 * Runs `work` on a data source of DATABASE_URL / DATABASE_SCHEMA with the
 * schema migrated (as `attune migrate` does), then closes it. A database that
 * cannot be reached is one line naming it.
 */
export async function withDatabase<T>(ctx: CliContext, work: (dataSource: DataSource, where: DatabaseWhere, applied: readonly string[]) => Promise<T>): Promise<T> {
  // Lazy, and relative rather than @attune/…: `nest build` rewrites aliases in import declarations only.
  const [{ parseDatabaseConfig }, { openDataSource }, { runMigrations }] = await Promise.all([
    import('../../../../libs/persistence/src/database.config.js'),
    import('../../../../libs/persistence/src/open-data-source.js'),
    import('../../../../libs/persistence/src/run-migrations.js'),
  ]);
  const config = parseDatabaseConfig(ctx.env);
  // Two connections: runMigrations holds its advisory lock on one and migrates on the other.
  const dataSource = await openDataSource(config, 2).catch((e: Error) => {
    throw new CliError(`cannot connect to PostgreSQL at ${redactUrl(config.url)}: ${e.message || (e as NodeJS.ErrnoException).code}`);
  });
  try {
    const applied = await runMigrations(dataSource);
    return await work(dataSource, `schema "${config.schema}" of ${redactUrl(config.url)}`, applied);
  } finally {
    await dataSource.destroy();
  }
}
