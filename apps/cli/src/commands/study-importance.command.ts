import type { Command } from 'commander';
import type { ImportanceJson } from '@attune/core/api/responses';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { writeLine, type OutputStream } from '../cli-io';
import { toJsonLine } from '../output/format';
import { examples, tokenOption, urlOption } from './option-parsers';

interface ImportanceOptions extends ConnectionOptions {
  objective?: string;
  json?: boolean;
}

/** `study importance ID`: which parameters matter (GET /studies/:id/importance). */
export function registerStudyImportanceCommand(study: Command, ctx: CliContext): void {
  study
    .command('importance')
    .description("show which parameters matter: each one's share of the objective's variance (Sobol indices of a GP fitted to the trials)")
    .argument('<id>', 'study id')
    .option('--objective <metric>', 'one of the study\'s objectives ("score" for a composite); the first by default')
    .option('--json', 'print the answer as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText('after', examples('attune study importance 2f0c…', 'attune study importance 2f0c… --objective rps --json'))
    .action(async (id: string, opts: ImportanceOptions) => {
      const answer = await clientFor(ctx, opts).getImportance(id, opts.objective);
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(answer));
      printImportance(ctx.io.stdout, answer);
    });
}

function printImportance(out: OutputStream, answer: ImportanceJson): void {
  if ('problem' in answer) return writeLine(out, `no parameter importance for ${answer.objective} yet: ${answer.problem}`);
  writeLine(out, `parameter importance for ${answer.objective} (${answer.method}, ${answer.trials} trials):`);
  const width = Math.max(...answer.parameters.map((p) => p.name.length));
  for (const p of answer.parameters) {
    const bar = '#'.repeat(Math.round(p.importance * 30));
    writeLine(out, `  ${p.name.padEnd(width)}  ${(100 * p.importance).toFixed(1).padStart(5)}%  ${bar.padEnd(30)}  first-order ${p.firstOrder.toFixed(3)}, total ${p.total.toFixed(3)}`);
  }
  writeLine(out, answer.note);
}
