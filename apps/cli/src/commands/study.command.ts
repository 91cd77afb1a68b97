import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { examples } from './option-parsers';
import { registerStudyEnqueueCommand } from './study-enqueue.command';
import { registerStudyListCommand } from './study-list.command';
import { registerStudyRunCommand } from './study-run.command';
import { registerStudyShowCommands } from './study-show.command';
import { registerStudyTrialsCommand } from './study-trials.command';
import { registerStudyStepsCommand } from './study-steps.command';
import { registerStudyVerifyCommand } from './study-verify.command';
import { registerStudyWatchCommand } from './study-watch.command';

/** `attune study …`: submit and inspect studies on a running coordinator. */
export function registerStudyCommands(program: Command, ctx: CliContext): void {
  const study = program
    .command('study')
    .description('submit, follow and inspect studies on a coordinator')
    .addHelpText(
      'after',
      examples(
        'attune study run examples/branin.study.yaml --wait',
        'attune study watch <id>',
        'attune study list',
        'attune study show <id>',
        'attune study trials <id> --state COMPLETE --limit 10',
        'attune study steps <id> 12',
        'attune study best <id> --format env > best.env',
        'attune study importance <id>',
        'attune study enqueue <id> --param x1=2.5 --param x2=7',
        'attune study verify <id> --wait',
        'attune study stop <id>',
      ),
    );
  registerStudyRunCommand(study, ctx);
  registerStudyWatchCommand(study, ctx);
  registerStudyListCommand(study, ctx);
  registerStudyShowCommands(study, ctx);
  registerStudyTrialsCommand(study, ctx);
  registerStudyStepsCommand(study, ctx);
  registerStudyEnqueueCommand(study, ctx);
  registerStudyVerifyCommand(study, ctx);
}
