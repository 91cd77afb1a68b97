import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Comparison } from '@attune/core/verification/comparison';
import { repoRoot } from '../bench-repo-root';
import { row } from '../bench-table';
import { BenchStack, closeAllStacks } from '../e2e/e2e-stack';
import { contains, intervalsOverlap, intervalText } from './demo-figures';
import { runDemoStudy, type VerifiedRun } from './demo-run';
import { readDemoSpec } from './demo-spec';
import { remeasure } from './remeasure';

/**
 * `npm run bench:demo`: the demo study (examples/http-service.study.yaml)
 * run `--runs` times on one stack (a coordinator and one worker of
 * concurrency 1, as `npm run demo` starts them), each a fresh study with its
 * verification; then each winner re-measured against the baseline by the
 * bench itself (the command target run directly, interleaved) and compared
 * with the same pure function. Targets: every verified interval contains
 * its independent estimate, and the verified intervals overlap.
 */
const STUDY_TIMEOUT_MS = 15 * 60_000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, repeats: { type: 'string', default: '5' }, 'database-url': { type: 'string' }, 'redis-url': { type: 'string' } },
  });
  const runs = Number(values.runs);
  const repeats = Number(values.repeats);
  const root = repoRoot(__dirname);
  const spec = readDemoSpec(root);
  const logDir = mkdtempSync(path.join(tmpdir(), 'attune-bench-demo-'));
  const stack = new BenchStack('demo', {
    repoRoot: root,
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: values['redis-url'] ?? 'redis://127.0.0.1:6379',
    logDir,
    targetsFile: path.join(root, 'examples', 'targets.yaml'),
  });
  const log = (m: string) => process.stderr.write(`bench:demo: ${m}\n`);
  log(`${runs} demo studies, then ${repeats} + ${repeats} independent loads per winner; process logs in ${logDir}`);
  await stack.startCoordinator();
  await stack.startWorker(1);
  const results: { run: VerifiedRun; independent: Comparison }[] = [];
  for (let i = 1; i <= runs; i++) {
    const run = await runDemoStudy(stack, spec.document, STUDY_TIMEOUT_MS);
    log(`run ${i}: study ${run.studyId}, winner #${run.winner}, verified ${intervalText(run.verified)} (${run.seconds.toFixed(0)}s); re-measuring`);
    const independent = await remeasure(root, spec.terms, run.winnerParams, run.baselineParams, repeats);
    log(`run ${i}: independent ${intervalText(independent.improvement)} (${independent.test})`);
    results.push({ run, independent });
  }
  const widths = [4, 7, 30, 30, 10, 5];
  const lines = [
    '\n## demo study: verified score improvement vs an independent re-measurement of the winner against the baseline',
    row(['run', 'winner', 'verified interval (95%)', 'independent estimate [95%]', 'contained', ''], widths),
  ];
  let met = 0;
  results.forEach(({ run, independent }, i) => {
    const inside = contains(run.verified, independent.improvement.estimate);
    met += inside ? 1 : 0;
    lines.push(row([String(i + 1), `#${run.winner}`, intervalText(run.verified), intervalText(independent.improvement), inside ? 'yes' : 'no', inside ? 'PASS' : 'MISS'], widths));
  });
  const overlap = intervalsOverlap(results.map((r) => r.run.verified));
  met += overlap ? 1 : 0;
  lines.push(`the ${results.length} verified intervals overlap: ${overlap ? 'yes' : 'no'} (target: yes) ${overlap ? 'PASS' : 'MISS'}`);
  for (const [i, { run }] of results.entries()) lines.push(`run ${i + 1} winner: ${JSON.stringify(run.winnerParams)}${run.significant ? '' : ' (not significant)'}`);
  lines.push(`\n${met} of ${results.length + 1} targets met`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench:demo: ${signal}, cleaning up\n`);
    void closeAllStacks().finally(() => process.exit(130));
  });
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`bench:demo: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAllStacks());
