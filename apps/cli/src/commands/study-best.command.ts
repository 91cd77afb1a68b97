import { InvalidArgumentError, Option, type Command } from 'commander';
import { BEST_FORMATS, type BestFormat, type BestTrial } from '@attune/core/api/responses';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { writeLine, writeLines, type OutputStream } from '../cli-io';
import { formatValue, parameterOrder, toJsonLine } from '../output/format';
import { formatImprovement, formatMetrics } from '../output/objectives-text';
import { printParamLines } from '../output/study-outcome';
import { examples, intInRange, tokenOption, urlOption } from './option-parsers';

interface BestOptions extends ConnectionOptions {
  format?: BestFormat;
  json?: boolean;
  trial?: number;
}

/** `study best ID`: the best configuration, for people or as JSON, YAML or an env file. */
export function registerStudyBestCommand(study: Command, ctx: CliContext): void {
  study
    .command('best')
    .description('show the best feasible trial of a study (the Pareto front for several objectives), or write its configuration out')
    .argument('<id>', 'study id')
    .addOption(
      new Option('--format <format>', 'json: {number, params, value, metrics, improvement} ({front} for several objectives); yaml: the same; env: NAME=value lines of the configuration for an env file')
        .argParser(formatParser)
        .conflicts('json'),
    )
    .option('--json', 'the same as --format json')
    .addOption(new Option('--trial <n>', 'this completed trial instead of the best (pick a member of a Pareto front for yaml and env)').argParser(intInRange(0)))
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText(
      'after',
      examples(
        'attune study best 2f0c…',
        'attune study best 2f0c… --format env > best.env    # docker run --env-file, compose env_file, systemd EnvironmentFile',
        'attune study best 2f0c… --format yaml',
        'attune study best 2f0c… --format env --trial 7     # one member of a Pareto front',
      ),
    )
    .action(async (id: string, opts: BestOptions) => {
      const client = clientFor(ctx, opts);
      const format = opts.json ? 'json' : opts.format;
      if (format === 'yaml' || format === 'env') return writeText(ctx.io.stdout, await client.getBestText(id, format, opts.trial));
      const best = await client.getBest(id, opts.trial);
      if (format === 'json') return void ctx.io.stdout.write(toJsonLine(best));
      const order = parameterOrder((await client.getStudy(id)).parameters);
      if ('front' in best) return printFront(ctx.io.stdout, best.front, order);
      printBest(ctx.io.stdout, best, order, opts.trial === undefined ? 'best trial' : 'trial');
    });
}

function formatParser(value: string): BestFormat {
  const format = value.toLowerCase();
  if (!(BEST_FORMATS as readonly string[]).includes(format)) throw new InvalidArgumentError(`must be one of ${BEST_FORMATS.join(', ')}, got "${value}"`);
  return format as BestFormat;
}

/** The coordinator's YAML or env text, line by line (it holds no control characters; writeLine would show one escaped). */
function writeText(out: OutputStream, text: string): void {
  writeLines(out, text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n'));
}

function printBest(out: OutputStream, best: BestTrial, order: readonly string[], what: string): void {
  const origin = best.origin ? ` (${best.origin})` : '';
  const feasible = best.feasible === false ? `, infeasible (violation ${formatValue(best.violation)})` : '';
  writeLine(out, `${what} #${best.number}${origin}${best.value !== undefined ? `: value ${formatValue(best.value)}` : ''}${feasible}`);
  printParamLines(out, best, order);
  if (best.metrics) writeLine(out, `metrics: ${formatMetrics(best.metrics)}`);
  if (best.improvement) writeLine(out, `improvement over the baseline: ${formatImprovement(best.improvement)}`);
}

function printFront(out: OutputStream, front: readonly BestTrial[], order: readonly string[]): void {
  writeLine(out, `Pareto front: ${front.length} non-dominated feasible trial${front.length === 1 ? '' : 's'} (write one out with --trial N --format env)`);
  for (const t of front) {
    writeLine(out);
    printBest(out, t, order, 'trial');
  }
}
