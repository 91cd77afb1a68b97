import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RawMetrics } from '@attune/core/objective/aggregate-repeats';
import type { CompositeTerm } from '@attune/core/objective/objective-spec.schema';
import type { Params } from '@attune/core/search-space/parameter';
import { compareComposite } from '@attune/core/verification/compare-composite';
import type { Comparison } from '@attune/core/verification/comparison';
import { paramEnv } from './demo-spec';

const run = promisify(execFile);

/** The demo's command target, compiled by `npm run build`: what the worker runs for `http-service`. */
const TARGET = path.join('dist', 'examples', 'http-service', 'load-test.target.js');

/**
 * An independent re-measurement of a winner against the baseline: neither
 * the coordinator nor the worker, the command target run directly by the
 * bench, `repeats` loads of each configuration alternating (baseline,
 * winner, baseline, ...) so that a drift of the machine hits both alike,
 * compared by the verification's own pure function (`compareComposite`).
 */
export async function remeasure(repoRoot: string, terms: readonly CompositeTerm[], winner: Readonly<Params>, baseline: Readonly<Params>, repeats: number): Promise<Comparison> {
  const measured = { winner: [] as RawMetrics[], baseline: [] as RawMetrics[] };
  for (let i = 0; i < repeats; i++) {
    measured.baseline.push(await measureOnce(repoRoot, baseline));
    measured.winner.push(await measureOnce(repoRoot, winner));
  }
  const comparison = compareComposite(terms, measured.winner, measured.baseline);
  if (!comparison) throw new Error('the re-measurements could not be compared (fewer than 2 usable on a side, or a baseline mean of 0)');
  return comparison;
}

/** One load of one configuration: the target's last stdout line, its metrics. */
async function measureOnce(repoRoot: string, params: Readonly<Params>): Promise<RawMetrics> {
  const { stdout } = await run(process.execPath, [path.join(repoRoot, TARGET)], { cwd: repoRoot, env: { ...process.env, ...paramEnv(params) }, timeout: 60_000 });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as RawMetrics;
}
