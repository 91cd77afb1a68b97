import { Option, type Command } from 'commander';
import type { TrialRow } from '../client/api-types';
import { clientFor, type CliContext } from '../cli-context';
import { writeLine } from '../cli-io';
import { formatParams, formatValue, toJsonLine } from '../output/format';
import { renderTable } from '../output/table';
import { examples, intInRange, trialStateOption, urlOption } from './option-parsers';

interface TrialsOptions {
  state?: string;
  limit: number;
  offset: number;
  json?: boolean;
  url?: string;
}

export function registerStudyTrialsCommand(study: Command, ctx: CliContext): void {
  study
    .command('trials')
    .description("list a study's trials, ordered by number")
    .argument('<id>', 'study id')
    .addOption(trialStateOption())
    .addOption(new Option('--limit <n>', 'at most this many trials').argParser(intInRange(1, 1000)).default(50))
    .addOption(new Option('--offset <n>', 'skip this many trials').argParser(intInRange(0)).default(0))
    .option('--json', 'print the API response {items, total} as JSON')
    .addOption(urlOption())
    .addHelpText('after', examples('attune study trials 2f0c…', 'attune study trials 2f0c… --state FAILED --limit 10', 'attune study trials 2f0c… --json'))
    .action(async (id: string, opts: TrialsOptions) => {
      const page = await clientFor(ctx, opts.url).listTrials(id, { state: opts.state, limit: opts.limit, offset: opts.offset });
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(page));
      if (page.items.length === 0) return writeLine(ctx.io.stdout, opts.state ? `no ${opts.state} trials` : 'no trials yet');
      writeLine(ctx.io.stdout, renderTable(['#', 'STATE', 'VALUE', 'PARAMS', 'WORKER', 'ERROR'], page.items.map(trialRow)));
      if (page.total > opts.offset + page.items.length) writeLine(ctx.io.stdout, `(${page.items.length} of ${page.total}; use --limit/--offset)`);
    });
}

function trialRow(t: TrialRow): string[] {
  const error = (t.error ?? (t.note && `note: ${t.note}`) ?? '').replace(/\s+/g, ' ');
  return [String(t.number), t.state, formatValue(t.value), formatParams(t.params), t.workerId ?? '', error.length > 60 ? `${error.slice(0, 57)}...` : error];
}
