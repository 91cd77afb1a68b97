import { Option, type Command } from 'commander';
import { watchStudy } from '../client/watch-study';
import { clientFor, type CliContext } from '../cli-context';
import { writeLine } from '../cli-io';
import { eventLine } from '../output/event-line';
import { examples, intInRange, urlOption } from './option-parsers';
import { STUDY_FAILED_EXIT_CODE } from './study-run.command';

interface WatchOptions {
  json?: boolean;
  since: number;
  url?: string;
}

/** `study watch ID`: a study's events as they happen, one line each. */
export function registerStudyWatchCommand(study: Command, ctx: CliContext): void {
  study
    .command('watch')
    .description("print a study's events (from the first, or after --since) and follow them until the study ends")
    .argument('<id>', 'study id')
    .option('--json', 'one JSON object per event and line: {studyId, seq, at, kind, ...}')
    .addOption(new Option('--since <seq>', 'start after this event id').argParser(intInRange(0)).default(0))
    .addOption(urlOption())
    .addHelpText(
      'after',
      examples('attune study watch 2f0c…', 'attune study watch 2f0c… --json | jq -c "select(.kind == \\"new-best\\")"', 'attune study watch 2f0c… --since 120') +
        `\nA dropped connection is resumed after the last event printed. Exit codes: 0 the study ended COMPLETE or STOPPED, 1 error, ${STUDY_FAILED_EXIT_CODE} it ended FAILED, 130 interrupted.\n`,
    )
    .action(async (id: string, opts: WatchOptions) => {
      const client = clientFor(ctx, opts.url);
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      let end;
      try {
        end = await watchStudy(client, id, (e) => writeLine(ctx.io.stdout, opts.json ? JSON.stringify(e) : eventLine(e)), {
          since: opts.since,
          signal: abort.signal,
        });
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
      if (!end) ctx.exitCode = 130;
      else if (end.state === 'FAILED') ctx.exitCode = STUDY_FAILED_EXIT_CODE;
    });
}
