import { InvalidArgumentError, Option, type Command } from 'commander';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { plural } from '@attune/core/text/plural';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { writeLine } from '../cli-io';
import { formatValue, toJsonLine } from '../output/format';
import { printParamLines } from '../output/study-outcome';
import { EXIT_CODES_HELP, exitCodeOf } from './exit-codes';
import { examples, intInRange } from './option-parsers';
import { optimizeSpec } from './optimize-spec';
import { validateOptimization } from './optimize-validation';

interface OptimizeOptions {
  spec?: string;
  objective: string;
  strategy: string;
  trials: number;
  seed: number;
  batch: number;
  options: Record<string, unknown>;
  metric: string;
  direction?: 'minimize' | 'maximize';
  json?: boolean;
}

export function registerOptimizeCommand(program: Command, ctx: CliContext): void {
  program
    .command('optimize')
    .description('run a strategy in this process on an objective module (no Redis, no PostgreSQL)')
    .requiredOption('--objective <file[#export]>', 'module exporting {parameters, direction, evaluate}; #name picks an export or a problem of its `problems` array')
    .option('--spec <file>', "a study spec (YAML or JSON) to run in process: its parameters, objectives, constraints, measurement, baseline and verification (a study with a baseline is verified after the search, as the coordinator does, unless verification: false); the module's evaluate returns a number or an object of metrics")
    .option('--strategy <name>', 'strategy name (random, grid, bayesian, tpe, …)', 'random')
    .addOption(new Option('--trials <n>', 'number of trials').argParser(intInRange(1, 100_000)).default(50))
    .addOption(new Option('--seed <s>', 'seed of the strategy').argParser(intInRange(0, 2 ** 31 - 1)).default(0))
    .addOption(new Option('--batch <b>', 'trials asked at once before any is told (simulates parallel workers)').argParser(intInRange(1, 1000)).default(1))
    .addOption(new Option('--options <json>', 'strategy options as a JSON object').argParser(parseJsonObject).default({}, '{}'))
    .option('--metric <name>', 'metric to optimise when evaluate returns an object of metrics', 'value')
    .addOption(new Option('--direction <dir>', "override the module's direction").choices(['minimize', 'maximize']))
    .option('--json', 'print {best: {number, params, value}, trials: [{number, params, value | error}]} (with --spec: also front, noResult, verification and each trial\'s state, origin, metrics, feasibility, losses, improvement)')
    .addHelpText(
      'after',
      examples(
        'attune optimize --objective examples/objectives/branin.mjs --strategy random --trials 30 --seed 1',
        'attune optimize --objective ../shared/bench/problems.mjs#branin --strategy random --trials 20 --seed 0 --json',
        'attune optimize --objective ../shared/bench/problems.mjs#syscfg9 --strategy grid --trials 100 --options \'{"levels": 3}\'',
        'attune optimize --spec study.yaml --objective examples/objectives/service-latency.mjs --json',
      ) + `\nValidated like a study spec (--trials is budget.maxTrials, --batch budget.parallelism, --options strategy.options); with --spec these flags, given, override the spec. ${EXIT_CODES_HELP}\n`,
    )
    .action((opts: OptimizeOptions, command: Command) => (opts.spec === undefined ? optimize(ctx, opts) : optimizeSpec(ctx, { ...opts, spec: opts.spec }, command)));
}

function parseJsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    throw new InvalidArgumentError(`must be a JSON object: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('must be a JSON object');
  return parsed as Record<string, unknown>;
}

async function optimize(ctx: CliContext, opts: OptimizeOptions): Promise<void> {
  // Lazy, and relative rather than @attune/…: `nest build` rewrites aliases in import declarations only.
  const [{ parseObjectiveRef }, { loadObjective }, { checkMetrics }, { runOptimization }] = await Promise.all([
    import('../../../../libs/targets/src/objective-ref.js'),
    import('../../../../libs/targets/src/load-objective.js'),
    import('../../../../libs/targets/src/check-metrics.js'),
    import('../../../../libs/strategies/src/engine/in-process-study.js'),
  ]);
  const ref = parseObjectiveRef(opts.objective);
  const objective = await loadObjective(ref.file, ref.exportName);
  if (!objective.parameters) throw new CliError(`objective ${opts.objective} declares no parameters: export \`parameters\` next to evaluate (or an object {parameters, direction, evaluate})`);
  const direction = opts.direction ?? objective.direction ?? 'minimize';
  const spec = await validateAsStudy(opts, objective.parameters, direction);
  const evaluate = async (params: Record<string, unknown>) => {
    const check = checkMetrics(await objective.evaluate(params), opts.metric);
    if (!check.ok) throw new Error(check.error);
    return check.metrics[opts.metric];
  };
  const started = performance.now();
  const result = await runOptimization({
    space: spec.parameters,
    direction,
    evaluate,
    strategy: { name: spec.strategy.name, options: spec.strategy.options },
    seed: opts.seed,
    trials: opts.trials,
    batch: opts.batch,
  });
  const seconds = (performance.now() - started) / 1000;
  const failed = result.trials.filter((t) => t.error !== undefined).length;
  ctx.exitCode = exitCodeOf({ ran: result.trials.length, completed: result.trials.length - failed });
  if (opts.json) {
    const trials = result.trials.map((t) => ({ number: t.number, params: t.params, value: t.value, error: t.error, ...(t.origin === 'reused' && { reusedFrom: t.meta?.reusedFrom }) }));
    const out = { objective: objective.name, direction, strategy: opts.strategy, seed: opts.seed, best: result.best, trials };
    return void ctx.io.stdout.write(toJsonLine(out));
  }
  const out = ctx.io.stdout;
  writeLine(out, `${objective.name}: ${plural(result.trials.length, 'trial')} of ${opts.strategy} (seed ${opts.seed}, batch ${opts.batch}), ${failed} failed, ${seconds.toFixed(2)} s`);
  const firstError = result.trials.find((t) => t.error !== undefined);
  if (firstError) writeLine(ctx.io.stderr, `first failure, trial #${firstError.number}: ${firstError.error}`);
  if (!result.best) return writeLine(out, 'no trial completed');
  writeLine(out, `best trial #${result.best.number}: ${opts.metric} = ${formatValue(result.best.value)} (${direction})`);
  printParamLines(out, result.best, objective.parameters.map((p) => p.name));
}

/** The study an optimization without a spec stands for: the module's parameters, one metric, the flags. */
function validateAsStudy(opts: OptimizeOptions, parameters: readonly unknown[], direction: 'minimize' | 'maximize'): Promise<StudySpec> {
  return validateOptimization({
    name: 'optimize',
    target: 'in-process',
    parameters,
    objective: { metric: opts.metric, direction },
    strategy: { name: opts.strategy, seed: opts.seed, options: opts.options },
    budget: { maxTrials: opts.trials, parallelism: opts.batch },
  });
}
