import type { Command } from 'commander';
import type { StepRow, StudyDetail } from '@attune/core/api/responses';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { writeLine, writeLines, type OutputStream } from '../cli-io';
import { formatValue, toJsonLine } from '../output/format';
import { renderTable } from '../output/table';
import { examples, intInRange, tokenOption, urlOption } from './option-parsers';

interface StepsOptions extends ConnectionOptions {
  json?: boolean;
}

/** `study steps ID NUMBER`: the intermediate values a trial reported while it ran (GET /studies/:id/trials/:number/steps). */
export function registerStudyStepsCommand(study: Command, ctx: CliContext): void {
  study
    .command('steps')
    .description("print a trial's intermediate values: each step its target reported while it ran, with its metrics (the study's objective first)")
    .argument('<id>', 'study id')
    .argument('<number>', 'trial number', intInRange(0))
    .option('--json', 'print {items, total} as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText('after', examples('attune study steps 2f0c… 12', 'attune study steps 2f0c… 12 --json'))
    .action(async (id: string, number: number, opts: StepsOptions) => {
      const client = clientFor(ctx, opts);
      const [page, trial, detail] = await Promise.all([client.listSteps(id, number), client.listTrials(id, { limit: 1, offset: number }), client.getStudy(id)]);
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(page));
      const row = trial.items.find((t) => t.number === number);
      printSteps(ctx.io.stdout, page.items, objectiveMetric(detail), row?.state === 'PRUNED' ? row.lastStep : undefined);
    });
}

/** The metric a pruner compares: the study's one objective (or the first of several). */
function objectiveMetric(study: StudyDetail): string | undefined {
  return study.objectives?.objectives[0]?.metric ?? study.metric;
}

/** One row per step: STEP, the objective, the other metrics (in the order first seen), AT; the step a PRUNED trial was stopped at marked. */
export function printSteps(out: OutputStream, steps: readonly StepRow[], objective: string | undefined, prunedAt: number | undefined): void {
  if (steps.length === 0) return writeLine(out, 'no steps reported');
  const metrics = [...new Set(steps.flatMap((s) => Object.keys(s.metrics)))].sort((a, b) => Number(b === objective) - Number(a === objective));
  const headers = ['STEP', ...metrics, 'AT'];
  const rows = steps.map((s) => [`${s.step}${s.step === prunedAt ? ' *' : ''}`, ...metrics.map((m) => (s.metrics[m] === undefined ? '' : formatValue(s.metrics[m]))), s.at]);
  writeLines(out, renderTable(headers, rows, {}));
  if (prunedAt !== undefined) writeLine(out, `(* = the step the trial was pruned at)`);
}
