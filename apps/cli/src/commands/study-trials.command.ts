import { Option, type Command } from 'commander';
import type { StudyDetail, TrialRow } from '@attune/core/api/responses';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import type { CoordinatorClient } from '../client/coordinator-client';
import { writeLine, writeLines, type OutputStream } from '../cli-io';
import { csvLine } from '../output/csv';
import { elapsedMs, formatDuration, formatParams, formatValue, parameterOrder, toJson } from '../output/format';
import { formatImprovement, formatPercent } from '../output/objectives-text';
import { renderTable } from '../output/table';
import { examples, intInRange, tokenOption, trialStateOption, urlOption } from './option-parsers';
import { frontOf } from './study-show.command';
import { MAX_PAGE, trialPages } from './trial-pages';

interface TrialsOptions extends ConnectionOptions {
  state?: string;
  limit: number;
  offset: number;
  all?: boolean;
  json?: boolean;
  csv?: boolean;
  wide?: boolean;
}

// Trials in these states are shown one block each, with their error whole.
const DETAIL_STATES = ['FAILED', 'TIMED_OUT'];

/** What the table and the CSV show beside each trial's own fields: which columns apply to the study, and its Pareto front. */
interface TrialColumns {
  readonly order: readonly string[];
  /** The objectives' metrics, for the improvement columns. */
  readonly metrics: readonly string[];
  readonly constrained: boolean;
  readonly baseline: boolean;
  /** The trial numbers of the Pareto front; undefined for one objective. */
  readonly front?: ReadonlySet<number>;
}

export function registerStudyTrialsCommand(study: Command, ctx: CliContext): void {
  study
    .command('trials')
    .description("list a study's trials, ordered by number")
    .argument('<id>', 'study id')
    .addOption(trialStateOption())
    .addOption(new Option('--limit <n>', 'at most this many trials').argParser(intInRange(1, MAX_PAGE)).default(50))
    .addOption(new Option('--offset <n>', 'skip this many trials').argParser(intInRange(0)).default(0))
    .option('--all', `every trial from --offset on, fetched ${MAX_PAGE} at a time (streamed with --json and --csv)`)
    .option('--json', 'print {items, total, limit, offset, partial} as JSON; partial: true when not every matching trial is in items')
    .addOption(
      new Option(
        '--csv',
        'print CSV: number, state, value, one column per parameter (spec order), worker, duration_ms, error, note, times, then origin, feasible, violation, pareto_front, improvement_score, improvement_<metric> (fractions, positive = better), trace_id and last_step',
      ).conflicts('json'),
    )
    .option('--wide', "never cut errors to the terminal's width, and show each trial's improvement over the baseline")
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText(
      'after',
      examples(
        'attune study trials 2f0c…',
        'attune study trials 2f0c… --state FAILED          # one block per trial, errors whole',
        'attune study trials 2f0c… --all --json > trials.json',
        'attune study trials 2f0c… --all --csv > trials.csv',
        'attune study steps 2f0c… 12                      # the steps trial 12 reported',
      ),
    )
    .action((id: string, opts: TrialsOptions) => listTrials(ctx, id, opts));
}

async function listTrials(ctx: CliContext, id: string, opts: TrialsOptions): Promise<void> {
  const client = clientFor(ctx, opts);
  const columns = opts.json ? undefined : await columnsOf(client, id);
  const order = columns?.order ?? [];
  const pages = trialPages(client, id, { state: opts.state, offset: opts.offset, limit: opts.limit, all: Boolean(opts.all) });
  const out = ctx.io.stdout;
  let shown = 0;
  let total = 0;
  if (opts.json || opts.csv) {
    if (opts.csv) writeLine(out, csvLine(csvHeader(columns!)));
    else out.write('{"items": [');
    for await (const page of pages) {
      for (const t of page.items) {
        if (opts.csv) writeLine(out, csvLine(csvRow(t, columns!)));
        else out.write(`${shown > 0 ? ',' : ''}\n  ${toJson(t)}`);
        shown += 1;
      }
      total = page.total;
    }
    if (opts.json) out.write(`\n], "total": ${total}, "limit": ${opts.all ? 'null' : opts.limit}, "offset": ${opts.offset}, "partial": ${shown < total}}\n`);
    if (shown < total) writeLine(ctx.io.stderr, `attune: ${shown} of ${total} trials printed; --all prints every one`);
    return;
  }
  const trials: TrialRow[] = [];
  for await (const page of pages) {
    trials.push(...page.items);
    total = page.total;
  }
  if (trials.length === 0) return writeLine(out, opts.state ? `no ${opts.state} trials` : 'no trials yet');
  if (opts.state && DETAIL_STATES.includes(opts.state)) printDetails(out, trials, order);
  else printTable(out, trials, columns!, Boolean(opts.wide), opts.wide ? undefined : out.columns);
  if (total > opts.offset + trials.length) writeLine(out, `(${trials.length} of ${total}; use --all, or --limit/--offset)`);
}

async function columnsOf(client: CoordinatorClient, id: string): Promise<TrialColumns> {
  const study: StudyDetail = await client.getStudy(id);
  const o = study.objectives;
  return {
    order: parameterOrder(study.parameters),
    metrics: o?.objectives.map((t) => t.metric) ?? [],
    constrained: (o?.constraints?.length ?? 0) > 0,
    baseline: o?.baseline !== undefined,
    ...(o?.kind === 'pareto' && { front: new Set((await frontOf(client, id)).map((t) => t.number)) }),
  };
}

/** `no (+12.0%)`: feasibility, with the total relative excess over the constraints. */
function feasibility(t: TrialRow): string {
  if (t.feasible === undefined) return '';
  return t.feasible ? 'yes' : `no (${formatPercent(t.violation ?? 0)})`;
}

function printTable(out: OutputStream, trials: readonly TrialRow[], c: TrialColumns, wide: boolean, width: number | undefined): void {
  const now = Date.now();
  const optional: [header: string, shown: boolean, cell: (t: TrialRow) => string][] = [
    ['FRONT', c.front !== undefined, (t) => (c.front?.has(t.number) ? '*' : '')],
    ['ORIGIN', trials.some((t) => t.origin !== undefined), (t) => t.origin ?? ''],
    ['FEASIBLE', c.constrained, feasibility],
    ['IMPROVEMENT', wide && c.baseline, (t) => (t.score?.improvement ? formatImprovement(t.score.improvement) : '')],
    // The last intermediate step, for a study whose targets report steps (a PRUNED trial's: where it was stopped).
    ['STEP', trials.some((t) => t.lastStep !== undefined), (t) => (t.lastStep === undefined ? '' : String(t.lastStep))],
  ];
  const shown = optional.filter(([, on]) => on);
  // The trace id only when tracing was on: 32 characters a row are too many to show empty.
  const traced = trials.some((t) => t.traceId !== undefined);
  const headers = ['#', 'STATE', ...shown.map(([h]) => h), 'VALUE', 'PARAMS', 'WORKER', 'DURATION', ...(traced ? ['TRACE'] : []), 'ERROR'];
  const rows = trials.map((t) => [
    String(t.number),
    t.state,
    ...shown.map(([, , cell]) => cell(t)),
    formatValue(t.value),
    formatParams(t.params, c.order),
    t.workerId ?? '',
    formatDuration(elapsedMs(t.startedAt, t.endedAt, now)),
    ...(traced ? [t.traceId ?? ''] : []),
    (t.error ?? (t.note && `note: ${t.note}`) ?? '').replace(/\s+/g, ' '),
  ]);
  const lines = renderTable(headers, rows, { maxWidth: width, flexible: headers.indexOf('ERROR') });
  writeLines(out, lines);
  if (lines.some((l) => l.endsWith('…'))) writeLine(out, "(errors cut to the terminal's width: --wide, or --state FAILED, shows them whole)");
  if (c.front && c.front.size > 0) writeLine(out, '(* = on the Pareto front: not dominated by any feasible trial)');
}

/** One block per trial: its numbers on a line, then its error whole, line by line. */
function printDetails(out: OutputStream, trials: readonly TrialRow[], order: readonly string[]): void {
  const now = Date.now();
  for (const t of trials) {
    const duration = formatDuration(elapsedMs(t.startedAt, t.endedAt, now));
    writeLine(out, `#${t.number} ${t.state}  ${duration}${t.workerId ? `  worker ${t.workerId}` : ''}`);
    writeLine(out, `  params: ${formatParams(t.params, order)}`);
    if (t.traceId) writeLine(out, `  trace:  ${t.traceId}`);
    const [first = '-', ...rest] = (t.error ?? '').split(/\r?\n/);
    writeLines(out, [`  error:  ${first}`, ...rest.map((line) => `          ${line}`), ...(t.note ? [`  note:   ${t.note}`] : []), '']);
  }
}

function csvHeader(c: TrialColumns): string[] {
  const improvement = c.metrics.map((m) => `improvement_${m}`);
  return ['number', 'state', 'value', ...c.order, 'worker', 'duration_ms', 'error', 'note', 'created_at', 'started_at', 'ended_at', 'origin', 'feasible', 'violation', 'pareto_front', 'improvement_score', ...improvement, 'trace_id', 'last_step'];
}

function csvRow(t: TrialRow, c: TrialColumns): (string | number | undefined)[] {
  const params = c.order.map((name) => {
    const v = t.params[name];
    return typeof v === 'number' ? v : v === undefined ? undefined : String(v);
  });
  const improvement = t.score?.improvement;
  return [
    t.number,
    t.state,
    t.value,
    ...params,
    t.workerId,
    elapsedMs(t.startedAt, t.endedAt, Date.now()),
    t.error,
    t.note,
    t.createdAt,
    t.startedAt,
    t.endedAt,
    t.origin,
    t.feasible === undefined ? undefined : String(t.feasible),
    t.violation,
    c.front === undefined ? undefined : String(c.front.has(t.number)),
    improvement?.score,
    ...c.metrics.map((m) => improvement?.perMetric[m]),
    t.traceId,
    t.lastStep,
  ];
}
