import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { writeLine } from '../cli-io';
import { redactUrl } from '@attune/core/url/redact-url';
import { examples } from './option-parsers';

export function registerMigrateCommand(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('apply pending database migrations (creates the schema if missing), then exit')
    .addHelpText(
      'after',
      '\nConfiguration (environment): DATABASE_URL, DATABASE_SCHEMA (see `attune coordinator --help`).\n' +
        'The coordinator also applies pending migrations when it starts; running several at once is safe.\n' +
        examples('attune migrate', 'DATABASE_URL=postgres://postgres@db:5432/attune attune migrate'),
    )
    .action(async () => {
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
        const where = `schema "${config.schema}" of ${redactUrl(config.url)}`;
        writeLine(ctx.io.stdout, applied.length ? `applied ${applied.length} migration(s) to ${where}: ${applied.join(', ')}` : `${where} is up to date`);
      } finally {
        await dataSource.destroy();
      }
    });
}
