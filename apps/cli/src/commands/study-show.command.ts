import type { Command } from 'commander';
import { plural } from '@attune/core/text/plural';
import type { BestTrial, StudyDetail } from '../client/api-types';
import { clientFor, type CliContext } from '../cli-context';
import { writeLine, type OutputStream } from '../cli-io';
import { formatParams, formatValue, parameterOrder, toJsonLine } from '../output/format';
import { printParamLines } from '../output/study-outcome';
import { examples, urlOption } from './option-parsers';

interface ShowOptions {
  json?: boolean;
  url?: string;
}

/** `study show ID`, `study best ID` and `study stop ID`: one study at a time. */
export function registerStudyShowCommands(study: Command, ctx: CliContext): void {
  study
    .command('show')
    .description("show a study: spec, state, trial counts and best trial")
    .argument('<id>', 'study id')
    .option('--json', 'print the study summary as JSON')
    .addOption(urlOption())
    .addHelpText('after', examples('attune study show 2f0c…', 'attune study show 2f0c… --json'))
    .action(async (id: string, opts: ShowOptions) => {
      const s = await clientFor(ctx, opts.url).getStudy(id);
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(s));
      printStudy(ctx.io.stdout, s);
    });

  study
    .command('best')
    .description('show the best completed trial of a study')
    .argument('<id>', 'study id')
    .option('--json', 'print {number, params, value} as JSON')
    .addOption(urlOption())
    .addHelpText('after', examples('attune study best 2f0c…', 'attune study best 2f0c… --json'))
    .action(async (id: string, opts: ShowOptions) => {
      const client = clientFor(ctx, opts.url);
      const best = await client.getBest(id);
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(best));
      printBest(ctx.io.stdout, best, parameterOrder((await client.getStudy(id)).parameters));
    });

  study
    .command('stop')
    .description('stop a running study (pending trials are cancelled; no-op if it already ended)')
    .argument('<id>', 'study id')
    .option('--json', 'print the study summary as JSON')
    .addOption(urlOption())
    .addHelpText('after', examples('attune study stop 2f0c…'))
    .action(async (id: string, opts: ShowOptions) => {
      const s = await clientFor(ctx, opts.url).stopStudy(id);
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(s));
      writeLine(ctx.io.stdout, `study ${s.name} (${s.id}) ${s.state}${s.stopReason ? `: ${s.stopReason}` : ''}`);
    });
}

function printStudy(out: OutputStream, s: StudyDetail): void {
  const t = s.trials;
  const rows: [string, string][] = [
    ...(s.warnings ?? []).map((w) => ['warning', w] as [string, string]),
    ['id', s.id],
    ['name', s.name],
    ['state', `${s.state}${s.stopReason ? ` (${s.stopReason})` : ''}`],
    ['target', s.target],
    ['objective', `${s.direction} ${s.metric}`],
    ['strategy', `${s.strategy.name} (seed ${s.strategy.seed})${Object.keys(s.strategy.options ?? {}).length ? ` ${JSON.stringify(s.strategy.options)}` : ''}`],
    ['budget', `${plural(s.budget.maxTrials, 'trial')}, parallelism ${s.budget.parallelism}, timeout ${s.budget.trialTimeoutSec}s`],
    ['trials', `${t.total} total: ${t.complete} complete, ${t.failed} failed, ${t.running} running, ${t.queued} queued, ${t.timedOut} timed out, ${t.cancelled} cancelled`],
    ['created', s.createdAt],
    ...(s.endedAt ? [['ended', s.endedAt] as [string, string]] : []),
    ['best', s.best ? `#${s.best.number} ${formatValue(s.best.value)}  ${formatParams(s.best.params, parameterOrder(s.parameters))}` : '-'],
  ];
  for (const [k, v] of rows) writeLine(out, `${`${k}:`.padEnd(11)}${v}`);
}

function printBest(out: OutputStream, best: BestTrial, order: readonly string[]): void {
  writeLine(out, `best trial #${best.number}: value ${formatValue(best.value)}`);
  printParamLines(out, best, order);
}
