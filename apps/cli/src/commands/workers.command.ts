import type { Command } from 'commander';
import type { WorkerRow } from '@attune/core/api/responses';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { writeLine, writeLines } from '../cli-io';
import { elapsedMs, formatDuration, toJsonLine } from '../output/format';
import { renderTable } from '../output/table';
import { examples, tokenOption, urlOption } from './option-parsers';

interface WorkersOptions extends ConnectionOptions {
  json?: boolean;
}

/** `attune workers`: the live workers the coordinator sees (GET /workers). */
export function registerWorkersCommand(program: Command, ctx: CliContext): void {
  program
    .command('workers')
    .description('list the live workers: what targets each serves, since when, its last heartbeat')
    .option('--json', 'print the API response {items, total} as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText(
      'after',
      '\nWorkers register in Redis under their queue prefix and renew it every 5 s; one silent for 15 s is gone.\n' +
        "A study whose target no live worker serves says so when submitted and in `attune study show`.\n" +
        examples('attune workers', 'attune workers --json'),
    )
    .action(async (opts: WorkersOptions) => {
      const page = await clientFor(ctx, opts).listWorkers();
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(page));
      if (page.items.length === 0) return writeLine(ctx.io.stdout, 'no live workers (start one with: attune worker --targets FILE)');
      const now = Date.now();
      writeLines(ctx.io.stdout, renderTable(['ID', 'TARGETS', 'CONCURRENCY', 'HOST', 'PID', 'VERSION', 'UP', 'HEARTBEAT'], page.items.map((w) => workerRow(w, now))));
    });
}

function workerRow(w: WorkerRow, now: number): string[] {
  return [
    w.id,
    w.targets.join(','),
    String(w.concurrency),
    w.host,
    String(w.pid),
    w.version,
    formatDuration(elapsedMs(w.startedAt, undefined, now)),
    `${formatDuration(Math.max(0, elapsedMs(w.heartbeatAt, undefined, now) ?? 0))} ago`,
  ];
}
