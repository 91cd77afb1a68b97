import { Option, type Command } from 'commander';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { writeLine } from '../cli-io';
import { toJsonLine } from '../output/format';
import { durationSec, examples } from './option-parsers';
import { createdLine } from './token.command';
import { withDatabase } from './with-database';

interface BootstrapOptions {
  name: string;
  expires?: number;
  force?: boolean;
  json?: boolean;
}

/** `attune admin bootstrap`: the first admin token, straight from the database. */
export function registerAdminCommands(program: Command, ctx: CliContext): void {
  const admin = program.command('admin').description('what an operator does on the database directly (no coordinator needed)');
  admin
    .command('bootstrap')
    .description('create an admin token of every project in the database and print it: the first token, or one to recover with')
    .option('--name <name>', 'its name in `token list` and the audit log', 'bootstrap')
    .addOption(new Option('--expires <duration>', 'life time: 90s, 45m, 12h, 30d or 2w (default: never)').argParser(durationSec))
    .option('--force', 'create one even if a usable admin token of every project exists')
    .option('--json', 'print {id, token, project, role, expiresAt} as JSON')
    .addHelpText(
      'after',
      '\nConfiguration (environment): DATABASE_URL, DATABASE_SCHEMA, as for `attune coordinator` (pending migrations are applied first).\n' +
        'The token is printed once on stdout, only its hash is stored. From the first token on, every coordinator asks for one\n' +
        '(ATTUNE_AUTH=auto). Refused while a usable admin token of every project exists, unless --force.\n' +
        examples('export ATTUNE_TOKEN=$(attune admin bootstrap)', 'DATABASE_URL=postgres://postgres@db:5432/attune attune admin bootstrap --expires 1d'),
    )
    .action((opts: BootstrapOptions) =>
      withDatabase(ctx, async (dataSource, where) => {
        const { bootstrapRootAdmin } = await import('../../../../libs/persistence/src/auth/bootstrap-admin.js');
        const expiresAt = opts.expires === undefined ? undefined : new Date(Date.now() + opts.expires * 1000);
        const result = await bootstrapRootAdmin(dataSource, { name: opts.name, force: opts.force === true, ...(expiresAt && { expiresAt }) });
        if (!result.created)
          throw new CliError(`a usable admin token of every project already exists in ${where}: use it (\`attune token list\`), or pass --force to create another`);
        const { record, text } = result;
        if (opts.json) return void ctx.io.stdout.write(toJsonLine({ id: record.id, token: text, project: record.project, role: record.role, ...(record.expiresAt && { expiresAt: record.expiresAt.toISOString() }) }));
        writeLine(ctx.io.stdout, text);
        writeLine(ctx.io.stderr, createdLine({ id: record.id, role: record.role, project: record.project, prefix: record.prefix, ...(record.expiresAt && { expiresAt: record.expiresAt.toISOString() }) }));
      }),
    );
}
