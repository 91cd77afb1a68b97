import { readFile } from 'node:fs/promises';
import type { Parameter } from '@attune/core/search-space/parameter';
import { MAX_ENQUEUED_TRIALS } from '@attune/core/trial/enqueue-trials.schema';
import type { Command } from 'commander';
import type { EnqueuedTrials } from '@attune/core/api/responses';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { CliError } from '../cli-error';
import { writeLine } from '../cli-io';
import { formatParams, formatValue, parameterOrder, toJsonLine } from '../output/format';
import { configurationOfOptions, configurationsOfFile, type EnqueuedConfiguration } from './enqueue-params';
import { examples, tokenOption, urlOption } from './option-parsers';

interface EnqueueOptions extends ConnectionOptions {
  param: string[];
  json?: boolean;
}

/** `study enqueue ID (--param k=v ... | FILE)`: configurations given by hand, measured next. */
export function registerStudyEnqueueCommand(study: Command, ctx: CliContext): void {
  study
    .command('enqueue')
    .description(`add configurations to a running study, measured next (at most ${MAX_ENQUEUED_TRIALS} per call; each uses the study's budget)`)
    .argument('<id>', 'study id')
    .argument('[file]', 'YAML or JSON: a list of params objects, or {trials: [{params: {...}}, ...]}')
    .option('--param <name=value>', 'one parameter of the one configuration to add (repeat it; a parameter left out takes its default)', (v: string, all: string[]) => [...all, v], [])
    .option('--json', 'print the answer {trials, warnings} as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText(
      'after',
      examples('attune study enqueue 2f0c… --param x1=2.5 --param x2=7', 'attune study enqueue 2f0c… configurations.yaml', 'attune study enqueue 2f0c… configurations.json --json') +
        '\nA configuration the study has already measured is not measured again: its measurement is reused (origin "reused").\n',
    )
    .action((id: string, file: string | undefined, opts: EnqueueOptions) => enqueue(ctx, id, file, opts));
}

async function enqueue(ctx: CliContext, id: string, file: string | undefined, opts: EnqueueOptions): Promise<void> {
  if (file !== undefined && opts.param.length > 0) throw new CliError('give either FILE or --param options, not both');
  if (file === undefined && opts.param.length === 0) throw new CliError('give the configuration with --param NAME=VALUE (repeated), or a FILE of configurations');
  const client = clientFor(ctx, opts);
  const space = (await client.getStudy(id)).parameters as Parameter[];
  const trials = file === undefined ? [configurationOfOptions(opts.param, space)] : await configurationsOf(file, space);
  const added = await client.enqueueTrials(id, { trials });
  for (const warning of added.warnings) writeLine(ctx.io.stderr, `attune: note: ${warning}`);
  if (opts.json) return void ctx.io.stdout.write(toJsonLine(added));
  printAdded(ctx, added, parameterOrder(space));
}

async function configurationsOf(file: string, space: readonly Parameter[]): Promise<EnqueuedConfiguration[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return configurationsOfFile(text, file, space);
}

function printAdded(ctx: CliContext, added: EnqueuedTrials, order: readonly string[]): void {
  for (const t of added.trials) {
    const outcome = t.state === 'COMPLETE' ? `COMPLETE (reused) value ${formatValue(t.value)}` : t.state;
    writeLine(ctx.io.stdout, `#${t.number} ${outcome}  ${formatParams(t.params, order)}`);
  }
}
