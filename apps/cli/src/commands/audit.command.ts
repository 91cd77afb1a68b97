import { Option, type Command } from 'commander';
import type { AuditEntry } from '@attune/core/api/auth.schema';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { writeLine, writeLines } from '../cli-io';
import { toJson, toJsonLine } from '../output/format';
import { renderTable } from '../output/table';
import { shortTime } from '../output/token-lines';
import { examples, intInRange, projectName, tokenOption, urlOption } from './option-parsers';

interface AuditOptions extends ConnectionOptions {
  project?: string;
  limit: number;
  offset: number;
  json?: boolean;
}

/** `attune audit`: who created, stopped, verified or enqueued what, and who managed tokens and projects (GET /audit). */
export function registerAuditCommand(program: Command, ctx: CliContext): void {
  program
    .command('audit')
    .description('the audit log, newest first: who created, stopped, verified or enqueued what, and when (needs an admin token)')
    .addOption(new Option('--project <name>', "only this project's entries").argParser(projectName))
    .addOption(new Option('--limit <n>', 'at most this many entries').argParser(intInRange(1, 1000)).default(50))
    .addOption(new Option('--offset <n>', 'skip this many entries').argParser(intInRange(0)).default(0))
    .option('--json', 'print the API response {items, total} as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText('after', examples('attune audit', 'attune audit --project team-a --limit 200 --json'))
    .action(async (opts: AuditOptions) => {
      const page = await clientFor(ctx, opts).listAudit({ project: opts.project, limit: opts.limit, offset: opts.offset });
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(page));
      if (page.items.length === 0) return writeLine(ctx.io.stdout, 'no entries');
      writeLines(ctx.io.stdout, renderTable(['AT', 'ACTION', 'PROJECT', 'BY', 'SUBJECT', 'DETAIL'], page.items.map(auditRow), { maxWidth: 160, flexible: 5 }));
      if (page.total > page.items.length) writeLine(ctx.io.stdout, `(${page.items.length} of ${page.total}; use --limit/--offset)`);
    });
}

function auditRow(entry: AuditEntry): string[] {
  return [shortTime(entry.at), entry.action, entry.project ?? '*', actorText(entry.actor), entry.subject, Object.keys(entry.detail).length ? toJson(entry.detail) : ''];
}

/** The token's name, else its id; `(open)` for what was done with authentication off. */
function actorText(actor: AuditEntry['actor']): string {
  return actor.name ?? actor.tokenId ?? '(open)';
}
