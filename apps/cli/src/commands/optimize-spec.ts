import type { Command } from 'commander';
import type { NormalizedObjectives } from '@attune/core/objective/normalize-objectives';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { plural } from '@attune/core/text/plural';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { writeLine, type OutputStream } from '../cli-io';
import { formatParams, formatValue } from '../output/format';
import { printParamLines } from '../output/study-outcome';
import type { VerificationJson } from '@attune/core/api/responses';
import { reportLines } from '../output/verification-lines';
import type { BestTrial, InProcessTrial, NoResult, OptimizationResult } from '../../../../libs/strategies/src/engine/in-process-study';
import { exitCodeOf } from './exit-codes';
import { readStudySpecFile } from './study-spec-file';
import { validateOptimization } from './optimize-validation';

/** The flags of `attune optimize` that a spec file's fields stand for. */
export interface SpecRunFlags {
  readonly spec: string;
  readonly objective: string;
  readonly strategy: string;
  readonly trials: number;
  readonly seed: number;
  readonly batch: number;
  readonly options: Record<string, unknown>;
  readonly json?: boolean;
}

/**
 * `attune optimize --spec FILE --objective MODULE`: the whole study spec
 * (objectives, constraints, repeats, baseline, verification) run in process
 * through the engine and the scoring the coordinator uses; the winner is
 * verified after the search when the coordinator would verify it
 * (`verificationAtEnd`: a study with a baseline, unless `verification:
 * false`). The spec decides the strategy and budget; --strategy, --options,
 * --seed, --trials and --batch given on the command line override them.
 */
export async function optimizeSpec(ctx: CliContext, flags: SpecRunFlags, command: Command): Promise<void> {
  const given = (name: string) => command.getOptionValueSource(name) === 'cli';
  if (given('metric') || given('direction')) throw new CliError("--metric and --direction are for an objective module without --spec: the spec's objective decides");
  // Lazy, and relative rather than @attune/…: `nest build` rewrites aliases in import declarations only.
  const [{ parseObjectiveRef }, { loadObjective }, { checkMetrics }, { runOptimization }, { studyObjectives, requiredMetrics, describeObjectives }, { verificationAtEnd }] = await Promise.all([
    import('../../../../libs/targets/src/objective-ref.js'),
    import('../../../../libs/targets/src/load-objective.js'),
    import('../../../../libs/targets/src/check-metrics.js'),
    import('../../../../libs/strategies/src/engine/in-process-study.js'),
    import('../../../../libs/core/src/objective/study-objectives.js'),
    import('../../../../libs/core/src/verification/verification-options.schema.js'),
  ]);
  const spec = await withOverrides((await readStudySpecFile(flags.spec)).spec, flags, given);
  const ref = parseObjectiveRef(flags.objective);
  const objective = await loadObjective(ref.file, ref.exportName);
  const objectives = studyObjectives(spec);
  const required = requiredMetrics(objectives);
  const evaluate = async (params: Record<string, unknown>) => {
    const check = checkMetrics(await objective.evaluate(params), required);
    if (!check.ok) throw new Error(check.error);
    return check.metrics;
  };
  const started = performance.now();
  const result = await runOptimization({
    space: spec.parameters,
    objectives,
    evaluate,
    strategy: { name: spec.strategy.name, options: spec.strategy.options },
    seed: spec.strategy.seed,
    trials: spec.budget.maxTrials,
    batch: spec.budget.parallelism,
    verification: verificationAtEnd(spec),
    ...(spec.convergence && { convergence: spec.convergence }),
  });
  const seconds = (performance.now() - started) / 1000;
  const failed = result.trials.filter((t) => t.state === 'FAILED').length;
  ctx.exitCode = exitCodeOf({ ran: result.trials.length, completed: result.trials.length - failed });
  const run = { spec, objectives, result, describe: describeObjectives(objectives) };
  if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(jsonOf(run))}\n`);
  const out = ctx.io.stdout;
  const s = spec.strategy;
  writeLine(out, `${spec.name}: ${plural(result.trials.length, 'trial')} of ${s.name} (seed ${s.seed}, batch ${spec.budget.parallelism}), ${failed} failed, ${seconds.toFixed(2)} s; ${run.describe}`);
  const firstError = result.trials.find((t) => t.error !== undefined);
  if (firstError) writeLine(ctx.io.stderr, `first failure, trial #${firstError.number}: ${firstError.error}`);
  if (result.converged) writeLine(out, `converged (${result.converged.rule}): ${result.converged.reason}`);
  printOutcome(out, run);
  if (result.verification) for (const line of reportLines(result.verification as unknown as NonNullable<VerificationJson['report']>, spec.parameters.map((p) => p.name))) writeLine(out, line);
}

/** The spec with the flags given on the command line in place of its strategy and budget, validated again when any was. */
async function withOverrides(spec: StudySpec, flags: SpecRunFlags, given: (name: string) => boolean): Promise<StudySpec> {
  if (!['strategy', 'options', 'seed', 'trials', 'batch'].some(given)) return spec;
  const strategy = {
    name: given('strategy') ? flags.strategy : spec.strategy.name,
    seed: given('seed') ? flags.seed : spec.strategy.seed,
    // Another strategy's options would not fit it.
    options: given('options') ? flags.options : given('strategy') ? {} : spec.strategy.options,
  };
  const budget = { ...spec.budget, ...(given('trials') && { maxTrials: flags.trials }), ...(given('batch') && { parallelism: flags.batch }) };
  return validateOptimization({ ...spec, strategy, budget });
}

interface SpecRun {
  readonly spec: StudySpec;
  readonly objectives: NormalizedObjectives;
  readonly result: OptimizationResult;
  readonly describe: string;
}

const NO_RESULT_TEXT: Record<NoResult, string> = {
  'baseline-failed': 'the baseline failed, so nothing could be compared with it',
  'no-complete-trial': 'no trial completed',
  'no-feasible-trial': 'no feasible trial: every completed trial breaks a constraint',
};

function printOutcome(out: OutputStream, { spec, objectives, result }: SpecRun): void {
  const order = spec.parameters.map((p) => p.name);
  const baseline = result.trials.find((t) => t.origin === 'baseline');
  if (baseline?.state === 'COMPLETE') writeLine(out, `baseline trial #${baseline.number}: ${metricsText(baseline, objectives)}`);
  if (result.noResult) return writeLine(out, NO_RESULT_TEXT[result.noResult]);
  if (result.front) {
    writeLine(out, `pareto front: ${plural(result.front.length, 'trial')}`);
    for (const t of result.front) writeLine(out, `  #${t.number}: ${metricsText(t, objectives)}; ${formatParams(t.params, order)}`);
    return;
  }
  const best = result.best!;
  writeLine(out, `best trial #${best.number}: ${objectives.kind === 'composite' ? 'score' : objectives.objectives[0].metric} = ${formatValue(best.value)} (${objectives.kind === 'composite' ? 'minimize' : objectives.objectives[0].direction})`);
  if (best.improvement) writeLine(out, `  improvement over the baseline: ${improvementText(best)}`);
  printParamLines(out, best, order);
}

/** `p99 = 80, rps = 1100` for the objectives' metrics (and the constraints'). */
function metricsText(t: InProcessTrial, objectives: NormalizedObjectives): string {
  const names = [...new Set([...objectives.objectives.map((o) => o.metric), ...objectives.constraints.map((c) => c.metric)])];
  return names.map((m) => `${m} = ${formatValue(t.score!.metrics[m])}`).join(', ');
}

/** `16.7% (p99 +20%, rps +10%)`: positive is better. */
function improvementText(best: BestTrial): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${formatValue(100 * x)}%`;
  const { score, perMetric } = best.improvement!;
  const parts = Object.entries(perMetric).map(([m, x]) => `${m} ${pct(x)}`);
  return `${score === undefined ? '' : `${pct(score)} `}(${parts.join(', ')})`;
}

/** Everything the run measured, for scripts: the outcome, then each trial with its score. */
function jsonOf({ spec, result, describe }: SpecRun): Record<string, unknown> {
  return {
    name: spec.name,
    objectives: describe,
    strategy: spec.strategy.name,
    seed: spec.strategy.seed,
    best: result.best,
    ...(result.front && { front: result.front.map((t) => t.number) }),
    ...(result.noResult && { noResult: result.noResult }),
    ...(result.verification && { verification: result.verification }),
    ...(result.converged && { converged: result.converged }),
    trials: result.trials.map(trialJson),
  };
}

function trialJson(t: InProcessTrial): Record<string, unknown> {
  const s = t.score;
  return {
    number: t.number,
    state: t.state,
    params: t.params,
    ...(t.origin && { origin: t.origin }),
    ...(t.origin === 'reused' && { reusedFrom: t.meta?.reusedFrom }),
    ...(t.value !== undefined && { value: t.value }),
    ...(s && { metrics: s.metrics, feasible: s.feasible }),
    ...(s?.losses && { losses: s.losses }),
    ...(s && s.violations.length > 0 && { violation: s.violation, violations: s.violations }),
    ...(s?.improvement && { improvement: s.improvement }),
    ...(t.measurements && t.measurements.length > 1 && { measurements: t.measurements }),
    ...(t.error !== undefined && { error: t.error }),
  };
}
