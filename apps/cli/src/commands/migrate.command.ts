import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { writeLine } from '../cli-io';
import { examples } from './option-parsers';
import { withDatabase } from './with-database';

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
    .action(() =>
      withDatabase(ctx, async (_dataSource, where, applied) => {
        writeLine(ctx.io.stdout, applied.length ? `applied ${applied.length} migration(s) to ${where}: ${applied.join(', ')}` : `${where} is up to date`);
      }),
    );
}
