import type { Command } from 'commander';
import { plural } from '@attune/core/text/plural';
import type { BestTrial, StudyDetail, VerificationJson } from '@attune/core/api/responses';
import type { CoordinatorClient } from '../client/coordinator-client';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { CliError, isNotFound } from '../cli-error';
import { writeLine, type OutputStream } from '../cli-io';
import { verificationLines } from '../output/verification-lines';
import { formatParams, formatValue, parameterOrder, toJsonLine } from '../output/format';
import { formatBaseline, formatConstraints, formatImprovement, formatMeasurement, objectiveLines } from '../output/objectives-text';
import { registerStudyBestCommand } from './study-best.command';
import { registerStudyImportanceCommand } from './study-importance.command';
import { examples, tokenOption, urlOption } from './option-parsers';

interface ShowOptions extends ConnectionOptions {
  json?: boolean;
}

/** `study show ID`, `study best ID`, `study importance ID` and `study stop ID`: one study at a time. */
export function registerStudyShowCommands(study: Command, ctx: CliContext): void {
  study
    .command('show')
    .description('show a study: objectives, state, trial counts, baseline and best trial (or Pareto front)')
    .argument('<id>', 'study id')
    .option('--json', 'print the study summary as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText('after', examples('attune study show 2f0c…', 'attune study show 2f0c… --json'))
    .action(async (id: string, opts: ShowOptions) => {
      const client = clientFor(ctx, opts);
      const s = await client.getStudy(id);
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(s));
      printStudy(ctx.io.stdout, s, s.objectives?.kind === 'pareto' ? await frontOf(client, id) : undefined);
      const verification = await verificationOf(client, id);
      if (verification) for (const line of verificationLines(verification)) writeLine(ctx.io.stdout, line);
    });

  registerStudyBestCommand(study, ctx);
  registerStudyImportanceCommand(study, ctx);

  study
    .command('stop')
    .description('stop a running study (pending trials are cancelled; no-op if it already ended)')
    .argument('<id>', 'study id')
    .option('--json', 'print the study summary as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText('after', examples('attune study stop 2f0c…'))
    .action(async (id: string, opts: ShowOptions) => {
      const s = await clientFor(ctx, opts).stopStudy(id);
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(s));
      writeLine(ctx.io.stdout, `study ${s.name} (${s.id}) ${s.state}${s.stopReason ? `: ${s.stopReason}` : ''}`);
    });
}

/** The study's latest verification, or undefined when it was never verified. */
export async function verificationOf(client: CoordinatorClient, id: string): Promise<VerificationJson | undefined> {
  try {
    return await client.getVerification(id);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The Pareto front of a study with several objectives; empty while it has no feasible completed trial (the coordinator answers 404). */
export async function frontOf(client: CoordinatorClient, id: string): Promise<BestTrial[]> {
  try {
    const best = await client.getBest(id);
    return 'front' in best ? best.front : [best];
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
}

function printStudy(out: OutputStream, s: StudyDetail, front: readonly BestTrial[] | undefined): void {
  const t = s.trials;
  const order = parameterOrder(s.parameters);
  const [objective, ...terms] = objectiveLines(s);
  const o = s.objectives;
  const rows: [string, string][] = [
    ...(s.warnings ?? []).map((w) => ['warning', w] as [string, string]),
    ['id', s.id],
    ['name', s.name],
    ['state', `${s.state}${s.stopReason ? ` (${s.stopReason})` : ''}`],
    ['target', s.target],
    ['objective', objective],
    ...terms.map((line) => ['', line] as [string, string]),
    ...(o ? ([['constraints', formatConstraints(o.constraints)], ['measured', formatMeasurement(o.measurement)], ['baseline', formatBaseline(o.baseline, s.baseline, order)]] as [string, string][]) : []),
    ['strategy', `${s.strategy.name} (seed ${s.strategy.seed})${Object.keys(s.strategy.options ?? {}).length ? ` ${JSON.stringify(s.strategy.options)}` : ''}`],
    ['budget', `${plural(s.budget.maxTrials, 'trial')}, parallelism ${s.budget.parallelism}, timeout ${s.budget.trialTimeoutSec}s`],
    ...(s.pruner ? [['pruner', `${s.pruner.name} (${Object.entries(s.pruner.options).map(([k, v]) => `${k} ${v}`).join(', ')})`] as [string, string]] : []),
    ['trials', `${t.total} total: ${t.complete} complete, ${t.failed} failed, ${t.pruned > 0 ? `${t.pruned} pruned, ` : ''}${t.running} running, ${t.queued} queued, ${t.timedOut} timed out, ${t.cancelled} cancelled`],
    ['created', s.createdAt],
    ...(s.endedAt ? [['ended', s.endedAt] as [string, string]] : []),
    ...(front ? frontRows(front) : bestRows(s, order)),
  ];
  for (const [k, v] of rows) writeLine(out, `${k ? `${k}:` : ''}`.padEnd(13) + v);
}

function bestRows(s: StudyDetail, order: readonly string[]): [string, string][] {
  if (!s.best) return [['best', '-']];
  const best: [string, string] = ['best', `#${s.best.number} ${formatValue(s.best.value)}  ${formatParams(s.best.params, order)}`];
  const improvement: [string, string][] = s.objectives?.baseline !== undefined ? [['improvement', formatImprovement(s.best.improvement)]] : [];
  const trace: [string, string][] = s.best.traceId ? [['trace', `${s.best.traceId} (the best trial's; attune study trials ID shows every trial's)`]] : [];
  return [best, ...improvement, ...trace];
}

function frontRows(front: readonly BestTrial[]): [string, string][] {
  if (front.length === 0) return [['front', '-']];
  return [['front', `${plural(front.length, 'trial')}: ${front.map((t) => `#${t.number}`).join(', ')} (attune study best ID lists them)`]];
}
