import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateStudySpec } from '@attune/strategies/validate-study-spec';
import { cli } from '../../test/run-cli';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const sharedProblems = path.resolve(repoRoot, '..', 'shared', 'bench', 'problems.mjs');
const exampleBranin = path.join(repoRoot, 'examples', 'objectives', 'branin.mjs');

interface OptimizeJson {
  best: { number: number; params: Record<string, number>; value: number };
  trials: { number: number; params: Record<string, number>; value?: number; error?: string }[];
}

describe('attune optimize', () => {
  it('runs branin from the shared problems in process and prints valid JSON', async () => {
    const r = await cli(['optimize', '--objective', `${sharedProblems}#branin`, '--strategy', 'random', '--trials', '20', '--seed', '3', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as OptimizeJson;
    expect(out.trials).toHaveLength(20);
    expect(out.trials.map((t) => t.number)).toEqual([...Array(20).keys()]);
    for (const t of out.trials) {
      expect(t.params.x1).toBeGreaterThanOrEqual(-5);
      expect(t.params.x1).toBeLessThanOrEqual(10);
      expect(Number.isFinite(t.value)).toBe(true);
    }
    const min = Math.min(...out.trials.map((t) => t.value!));
    expect(out.best.value).toBe(min);
    expect(out.trials[out.best.number].value).toBe(min);
  });

  it('is deterministic under a seed, with batches too', async () => {
    const args = ['optimize', '--objective', exampleBranin, '--trials', '12', '--seed', '5', '--batch', '4', '--json'];
    const [a, b] = [await cli(args), await cli(args)];
    expect(a.stdout).toBe(b.stdout);
  });

  it('records failed trials with their error and carries on', async () => {
    const failing = path.join(repoRoot, 'examples', 'objectives', 'service-latency.mjs');
    const r = await cli(['optimize', '--objective', failing, '--metric', 'nope', '--trials', '3', '--json']);
    const out = JSON.parse(r.stdout) as OptimizeJson;
    expect(out.best).toBeNull();
    expect(out.trials).toHaveLength(3);
    expect(out.trials[0].error).toMatch(/metric "nope" is missing/);
    // Every trial failed: the exit code of `study run --wait` for a study that did so.
    expect(r.code).toBe(2);
  });

  it('refuses a grid larger than --trials with the message a study spec gets', async () => {
    const r = await cli(['optimize', '--objective', exampleBranin, '--strategy', 'grid', '--trials', '5']);
    expect(r.code).toBe(1);
    const { parameters } = (await import(exampleBranin)) as { parameters: unknown[] };
    const spec = { name: 's', target: 't', parameters, objective: { direction: 'minimize' }, strategy: { name: 'grid' }, budget: { maxTrials: 5 } };
    const message = (() => {
      try {
        validateStudySpec(spec);
      } catch (e) {
        return (e as { issues: { message: string }[] }).issues[0].message;
      }
    })();
    expect(message).toMatch(/^is 5 but the grid has \d+ configurations/);
    expect(r.stderr).toBe(`attune: --trials: ${message}\n`);
    expect(r.stdout).toBe('');
  });

  it('says "1 trial"', async () => {
    const r = await cli(['optimize', '--objective', exampleBranin, '--trials', '1']);
    expect(r.stdout).toMatch(/^branin: 1 trial of random/);
  });

  it('prints a short human summary without --json', async () => {
    const r = await cli(['optimize', '--objective', exampleBranin, '--trials', '10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^branin: 10 trials of random \(seed 0, batch 1\), 0 failed/);
    expect(r.stdout).toMatch(/best trial #\d+: value = [\d.]+ \(minimize\)\n {2}x1 = .+\n {2}x2 = .+\n$/);
  });

  it('explains an unknown problem, an unknown strategy and bad options in one line each', async () => {
    const unknownProblem = await cli(['optimize', '--objective', `${sharedProblems}#nope`]);
    expect(unknownProblem.code).toBe(1);
    expect(unknownProblem.stderr).toMatch(/^attune: objective .*problems\.mjs#nope: no export "nope".*\(branin, hartmann6/);
    const strategy = await cli(['optimize', '--objective', exampleBranin, '--strategy', 'nope']);
    expect(strategy.stderr).toMatch(/^attune: --strategy: unknown strategy "nope"; known: random, grid/);
    const options = await cli(['optimize', '--objective', exampleBranin, '--options', '{not json']);
    expect(options.stderr).toMatch(/^attune: option '--options <json>' argument '\{not json' is invalid\. must be a JSON object/);
    const missing = await cli(['optimize', '--objective', path.join(repoRoot, 'nowhere.mjs')]);
    expect(missing.stderr.trim()).toBe(`attune: objective module not found: ${path.join(repoRoot, 'nowhere.mjs')}`);
  });
});
