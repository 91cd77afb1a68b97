import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { commitOf } from '../bench-commit';
import { repoRoot } from '../bench-repo-root';
import { parseE2eArgs } from './e2e-args';
import { figure, figureTable, type Figure } from './e2e-figures';
import type { Scenario, ScenarioResult } from './e2e-scenario';
import { closeAllStacks, type StackContext } from './e2e-stack';
import { failoverScenario } from './scenarios/failover.scenario';
import { longHistoryScenario } from './scenarios/long-history.scenario';
import { manyStudiesScenario } from './scenarios/many-studies.scenario';
import { scalingScenario } from './scenarios/scaling.scenario';
import { throughputScenario } from './scenarios/throughput.scenario';
import { tracingScenario } from './scenarios/tracing.scenario';

const SCENARIOS: readonly Scenario[] = [manyStudiesScenario, longHistoryScenario, throughputScenario, scalingScenario, failoverScenario, tracingScenario];

interface Outcome extends ScenarioResult {
  readonly seconds: number;
  readonly error?: string;
}

/** Runs the selected scenarios one after another; a failed scenario is reported and the next one runs. */
async function main(): Promise<void> {
  const args = parseE2eArgs(process.argv.slice(2), SCENARIOS.map((s) => s.name));
  const root = repoRoot(__dirname);
  const ctx: StackContext = { repoRoot: root, databaseUrl: args.databaseUrl, redisUrl: args.redisUrl, logDir: mkdtempSync(path.join(tmpdir(), 'attune-bench-e2e-')) };
  const selected = args.only ? args.only.map((n) => SCENARIOS.find((s) => s.name === n)!) : SCENARIOS;
  process.stderr.write(`bench:e2e: ${selected.map((s) => s.name).join(', ')}${args.quick ? ' (quick)' : ''}; process logs in ${ctx.logDir}\n`);
  const outcomes: Record<string, Outcome> = {};
  for (const scenario of selected) {
    const started = Date.now();
    let outcome: Outcome;
    try {
      const result = await scenario.run(ctx, args.quick);
      outcome = { ...result, seconds: (Date.now() - started) / 1000 };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      process.stderr.write(`bench:e2e ${scenario.name} failed: ${error}\n`);
      outcome = { figures: [figure(scenario.name, 'scenario failed', undefined, '', { op: '>=', value: 1 }, error.split('\n')[0])], details: {}, seconds: (Date.now() - started) / 1000, error };
    }
    outcomes[scenario.name] = outcome;
    process.stdout.write(figureTable(`${scenario.name}: ${scenario.title} (${outcome.seconds.toFixed(0)}s)`, outcome.figures) + '\n');
  }
  const all: Figure[] = Object.values(outcomes).flatMap((o) => o.figures);
  const judged = all.filter((f) => f.verdict !== 'INFO');
  process.stdout.write(`\n${judged.filter((f) => f.verdict === 'PASS').length} of ${judged.length} targets met\n`);
  if (args.json) {
    const meta = { date: new Date().toISOString(), commit: commitOf(root), quick: args.quick, node: process.version, cpus: cpus().length, argv: process.argv.slice(2), logDir: ctx.logDir };
    writeFileSync(args.json, JSON.stringify({ meta, scenarios: outcomes }, null, 1));
    process.stderr.write(`bench:e2e: wrote ${args.json}\n`);
  }
}

/** An interrupted run still stops its processes and removes its schemas and keys. */
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench:e2e: ${signal}, cleaning up\n`);
    void closeAllStacks().finally(() => process.exit(130));
  });
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`bench:e2e: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAllStacks());
