import { Option, type Command } from 'commander';
import type { StudySummary } from '../client/api-types';
import { followStudy } from '../client/follow-study';
import { clientFor, type CliContext } from '../cli-context';
import { writeLine } from '../cli-io';
import { toJsonLine } from '../output/format';
import { printStudyOutcome } from '../output/study-outcome';
import { createStudyProgress } from '../output/study-progress';
import { examples, intInRange, urlOption } from './option-parsers';
import { loadStudySpecFile } from './study-spec-file';

interface RunOptions {
  wait?: boolean;
  json?: boolean;
  url?: string;
  interval: number;
}

/** Exit code of `study run --wait` when the study ended FAILED. */
export const STUDY_FAILED_EXIT_CODE = 2;

export function registerStudyRunCommand(study: Command, ctx: CliContext): void {
  study
    .command('run')
    .description('validate a study spec (YAML or JSON) and submit it to the coordinator')
    .argument('<file>', 'study spec file')
    .option('--wait', "follow the study's event stream with a progress bar until it ends, then print the best trial")
    .option('--json', 'print one JSON object {id, state, trials, best} on stdout')
    .addOption(new Option('--interval <ms>', 'least time between two progress refreshes while waiting').argParser(intInRange(50, 60_000)).default(500))
    .addOption(urlOption())
    .addHelpText(
      'after',
      examples(
        'attune study run examples/branin.study.yaml                 # prints the study id',
        'attune study run examples/branin.study.yaml --wait          # live progress, then the best trial',
        'attune study run examples/branin.study.yaml --wait --json   # one JSON object, for scripts',
      ) + `\nExit codes: 0 submitted (or ended COMPLETE/STOPPED), 1 error, ${STUDY_FAILED_EXIT_CODE} the study ended FAILED.\n`,
    )
    .action((file: string, opts: RunOptions) => runStudy(ctx, file, opts));
}

async function runStudy(ctx: CliContext, file: string, opts: RunOptions): Promise<void> {
  const spec = await loadStudySpecFile(file);
  const client = clientFor(ctx, opts.url);
  const created = await client.createStudy(spec);
  if (!opts.wait) {
    if (opts.json) ctx.io.stdout.write(toJsonLine(resultObject(created)));
    else writeLine(ctx.io.stdout, created.id);
    return;
  }
  if (ctx.io.stderr.isTTY || !opts.json) writeLine(ctx.io.stderr, `study ${created.name} submitted: ${created.id} (${client.baseUrl})`);
  const progress = createStudyProgress({ stream: ctx.io.stderr, json: Boolean(opts.json) });
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  let final: StudySummary | undefined;
  try {
    final = await followStudy(client, created.id, progress, { intervalMs: opts.interval, signal: abort.signal });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (!final) {
    writeLine(ctx.io.stderr, `\nstopped following; study ${created.id} keeps running (stop it with: attune study stop ${created.id})`);
    ctx.exitCode = 130;
    return;
  }
  if (final.state === 'FAILED') ctx.exitCode = STUDY_FAILED_EXIT_CODE;
  if (opts.json) ctx.io.stdout.write(toJsonLine(resultObject(final)));
  else printStudyOutcome(ctx.io.stdout, final);
}

/** The `--json` shape of `study run`. */
export function resultObject(s: StudySummary) {
  return {
    id: s.id,
    name: s.name,
    state: s.state,
    stopReason: s.stopReason,
    trials: s.trials,
    best: s.best ?? null,
  };
}
