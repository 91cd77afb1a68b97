import { Option, type Command } from 'commander';
import { ROLES, type Role } from '@attune/core/auth/roles';
import type { TokenJson } from '@attune/core/api/auth.schema';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { writeLine, writeLines } from '../cli-io';
import { toJsonLine } from '../output/format';
import { renderTable } from '../output/table';
import { tokenLines, tokenState } from '../output/token-lines';
import { durationSec, examples, tokenOption, urlOption } from './option-parsers';

interface CreateOptions extends ConnectionOptions {
  project: string;
  role: Role;
  name?: string;
  expires?: number;
  json?: boolean;
}

interface JsonOption extends ConnectionOptions {
  json?: boolean;
}

/** `attune token create|list|revoke`: API tokens, managed by an admin (of the project, or of every project). */
export function registerTokenCommands(program: Command, ctx: CliContext): void {
  const token = program
    .command('token')
    .description('create, list and revoke API tokens (needs an admin token)')
    .addHelpText(
      'after',
      '\nA token is of one project, or of every project ("*"), with a role: viewer reads; editor also creates, stops,\n' +
        'verifies and enqueues; admin also manages tokens (and, for "*", projects). Send it as ATTUNE_TOKEN.\n' +
        examples('attune token create --project team-a --role editor --name ci --expires 90d', 'attune token list', 'attune token revoke <id>'),
    );
  token
    .command('create')
    .description('create a token and print it (shown only this once; only its hash is stored)')
    .requiredOption('--project <name>', 'the project it may act in, or "*" for every project')
    .addOption(new Option('--role <role>', 'what it may do').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'who or what uses it (shown in the audit log and `token list`)')
    .addOption(new Option('--expires <duration>', 'life time: 90s, 45m, 12h, 30d or 2w (default: never)').argParser(durationSec))
    .option('--json', 'print the API response, the token included, as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText('after', examples('export ATTUNE_TOKEN=$(attune token create --project team-a --role viewer --expires 30d)'))
    .action(async (opts: CreateOptions) => {
      const created = await clientFor(ctx, opts).createToken({
        project: opts.project,
        role: opts.role,
        ...(opts.name !== undefined && { name: opts.name }),
        ...(opts.expires !== undefined && { expiresInSec: opts.expires }),
      });
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(created));
      writeLine(ctx.io.stdout, created.token);
      writeLine(ctx.io.stderr, createdLine(created));
    });
  token
    .command('list')
    .description('list the tokens the admin token may see, newest first (never their secrets)')
    .option('--json', 'print the API response as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .action(async (opts: JsonOption) => {
      const tokens = await clientFor(ctx, opts).listTokens();
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(tokens));
      if (tokens.length === 0) return writeLine(ctx.io.stdout, 'no tokens');
      writeLines(ctx.io.stdout, renderTable(['ID', 'NAME', 'PROJECT', 'ROLE', 'PREFIX', 'STATE', 'CREATED', 'EXPIRES', 'LAST USED'], tokenLines(tokens, new Date())));
    });
  token
    .command('revoke <id>')
    .description('revoke a token: from now on it is refused (revoking again changes nothing)')
    .option('--json', 'print the API response as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .action(async (id: string, opts: JsonOption) => {
      const revoked = await clientFor(ctx, opts).revokeToken(id);
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(revoked));
      writeLine(ctx.io.stdout, `token ${revoked.id}${revoked.name !== undefined ? ` (${revoked.name})` : ''} is ${tokenState(revoked, new Date())} since ${revoked.revokedAt ?? '?'}`);
    });
}

/** What stderr says beside the token printed on stdout. */
export function createdLine(created: Pick<TokenJson, 'id' | 'role' | 'project' | 'prefix' | 'expiresAt'>): string {
  const scope = created.project === '*' ? 'every project' : `project ${created.project}`;
  const expiry = created.expiresAt ? `expires ${created.expiresAt}` : 'never expires';
  return `created ${created.role} token ${created.id} of ${scope} (${created.prefix}…, ${expiry}): it is shown only now, keep it secret`;
}
