import { InvalidArgumentError, Option, type Command } from 'commander';
import { finishedCount, STUDY_STATES, type StudySummary } from '@attune/core/api/responses';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { writeLine, writeLines } from '../cli-io';
import { elapsedMs, formatDuration, formatValue, toJsonLine } from '../output/format';
import { renderTable } from '../output/table';
import { examples, intInRange, projectName, tokenOption, urlOption } from './option-parsers';

interface ListOptions extends ConnectionOptions {
  state?: string;
  project?: string;
  limit: number;
  offset: number;
  json?: boolean;
}

export function registerStudyListCommand(study: Command, ctx: CliContext): void {
  study
    .command('list')
    .description('list studies, newest first')
    .addOption(
      new Option('--state <state>', `only studies in this state (${STUDY_STATES.join(', ')})`).argParser((v) => {
        const upper = v.toUpperCase();
        if (!(STUDY_STATES as readonly string[]).includes(upper)) throw new InvalidArgumentError(`must be one of ${STUDY_STATES.join(', ')}, got "${v}"`);
        return upper;
      }),
    )
    .addOption(new Option('--project <name>', "only this project's studies").argParser(projectName))
    .addOption(new Option('--limit <n>', 'at most this many studies').argParser(intInRange(1, 1000)).default(50))
    .addOption(new Option('--offset <n>', 'skip this many studies').argParser(intInRange(0)).default(0))
    .option('--json', 'print the API response {items, total} as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText('after', examples('attune study list', 'attune study list --state RUNNING --json'))
    .action(async (opts: ListOptions) => {
      const page = await clientFor(ctx, opts).listStudies({ state: opts.state, project: opts.project, limit: opts.limit, offset: opts.offset });
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(page));
      if (page.items.length === 0) return writeLine(ctx.io.stdout, 'no studies');
      const now = Date.now();
      writeLines(ctx.io.stdout, renderTable(['ID', 'NAME', 'PROJECT', 'STATE', 'TARGET', 'STRATEGY', 'TRIALS', 'FAILED', 'BEST', 'CREATED', 'DURATION'], page.items.map((s) => studyRow(s, now))));
      if (page.total > page.items.length) writeLine(ctx.io.stdout, `(${page.items.length} of ${page.total}; use --limit/--offset)`);
    });
}

/** DURATION: from creation to the end, or until now for a running study. */
function studyRow(s: StudySummary, now: number): string[] {
  return [
    s.id,
    s.name,
    s.project,
    s.state,
    s.target,
    s.strategy.name,
    `${finishedCount(s.trials)}/${s.budget.maxTrials}`,
    String(s.trials.failed),
    formatValue(s.best?.value),
    s.createdAt.replace('T', ' ').slice(0, 19),
    formatDuration(elapsedMs(s.createdAt, s.endedAt, now)),
  ];
}
