import { Option, type Command } from 'commander';
import { watchStudy } from '../client/watch-study';
import { clientFor, interruptSignal, type CliContext, type ConnectionOptions } from '../cli-context';
import { writeLine } from '../cli-io';
import { eventLine } from '../output/event-line';
import { parameterOrder, toJson } from '../output/format';
import { EXIT_CODES_HELP, exitCodeOf, INTERRUPTED_EXIT_CODE, studyOutcome } from './exit-codes';
import { examples, intInRange, tokenOption, urlOption } from './option-parsers';

interface WatchOptions extends ConnectionOptions {
  json?: boolean;
  since: number;
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
    .addOption(tokenOption())
    .addHelpText(
      'after',
      examples('attune study watch 2f0c…', 'attune study watch 2f0c… --json | jq -c "select(.kind == \\"new-best\\")"', 'attune study watch 2f0c… --since 120') +
        `\nA dropped connection is resumed after the last event printed. ${EXIT_CODES_HELP}\n`,
    )
    .action(async (id: string, opts: WatchOptions) => {
      const client = clientFor(ctx, opts);
      // The spec's parameter order, for new-best lines (the events carry the parameters as stored).
      const order = opts.json ? [] : parameterOrder((await client.getStudy(id)).parameters);
      const interrupt = interruptSignal(ctx);
      let end;
      try {
        end = await watchStudy(client, id, (e) => writeLine(ctx.io.stdout, opts.json ? toJson(e) : eventLine(e, order)), {
          since: opts.since,
          signal: interrupt.signal,
        });
      } finally {
        interrupt.dispose();
      }
      // The state as the stream told it; the counts (did any trial complete?) from the study.
      ctx.exitCode = end ? exitCodeOf(studyOutcome({ ...(await client.getStudy(id)), state: end.state })) : INTERRUPTED_EXIT_CODE;
    });
}
