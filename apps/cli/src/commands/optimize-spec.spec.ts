import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { cli } from '../../test/run-cli';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const serviceLatency = path.join(repoRoot, 'examples', 'objectives', 'service-latency.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'attune-optimize-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parameters = [
  { name: 'workers', type: 'int', min: 1, max: 32, default: 2 },
  { name: 'cacheMb', type: 'int', min: 16, max: 2048, log: true, default: 64 },
  { name: 'batchSize', type: 'int', min: 1, max: 256, log: true, default: 1 },
  { name: 'compression', type: 'categorical', values: ['none', 'lz4', 'zstd'], default: 'none' },
];

/** Writes a study spec (JSON is YAML) for the service-latency model and returns its path. */
function specFile(name: string, fields: Record<string, unknown>): string {
  const file = path.join(dir, `${name}.json`);
  const spec = { name, target: 'service', parameters, strategy: { name: 'random', seed: 3 }, budget: { maxTrials: 12 }, ...fields };
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

interface SpecJson {
  best: { number: number; value: number; improvement?: { score?: number; perMetric: Record<string, number> } } | null;
  front?: number[];
  noResult?: string;
  trials: { number: number; state: string; origin?: string; value?: number; metrics?: Record<string, number>; feasible?: boolean; violation?: number; losses?: number[]; measurements?: { warmup?: boolean }[] }[];
}

const run = async (file: string, ...extra: string[]) => {
  const r = await cli(['optimize', '--spec', file, '--objective', serviceLatency, '--json', ...extra]);
  return { ...r, out: r.stdout ? (JSON.parse(r.stdout) as SpecJson) : undefined };
};

describe('attune optimize --spec', () => {
  it('measures the baseline first, scores a composite against it and reports the improvement', async () => {
    const file = specFile('composite', {
      objective: { composite: [{ metric: 'p99LatencyMs', direction: 'minimize', weight: 2 }, { metric: 'throughputRps', direction: 'maximize' }] },
      baseline: true,
      measurement: { repeats: 2, warmup: 1 },
    });
    const { code, stderr, out } = await run(file);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [baseline, ...rest] = out!.trials;
    expect(baseline).toMatchObject({ number: 0, origin: 'baseline', state: 'COMPLETE', value: 0 });
    expect(baseline.measurements!.map((m) => m.warmup === true)).toEqual([true, false, false]);
    expect(out!.trials).toHaveLength(12);
    const b = baseline.metrics!;
    for (const t of rest) {
      const m = t.metrics!;
      const score = (2 * ((m.p99LatencyMs - b.p99LatencyMs) / b.p99LatencyMs) - (m.throughputRps - b.throughputRps) / b.throughputRps) / 3;
      expect(t.value).toBeCloseTo(score, 12);
    }
    const lowest = Math.min(...out!.trials.map((t) => t.value!));
    expect(out!.best!.value).toBe(lowest);
    expect(out!.best!.improvement!.score).toBeCloseTo(-lowest, 12);
  });

  it('prints the best with its improvement for people', async () => {
    const file = specFile('single', { objective: { metric: 'p99LatencyMs', direction: 'minimize' }, baseline: { params: { workers: 8 } } });
    const r = await cli(['optimize', '--spec', file, '--objective', serviceLatency]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^single: 12 trials of random \(seed 3, batch 1\), 0 failed, [\d.]+ s; minimize p99LatencyMs\n/);
    expect(r.stdout).toMatch(/\nbaseline trial #0: p99LatencyMs = [\d.]+\n/);
    expect(r.stdout).toMatch(/\nbest trial #\d+: p99LatencyMs = [\d.]+ \(minimize\)\n {2}improvement over the baseline: [+-][\d.]+% \(p99LatencyMs [+-][\d.]+%\)\n {2}workers = \d+\n/);
  });

  it('chooses among feasible trials, and says when none is', async () => {
    const feasible = await run(specFile('bounded', { objective: { metric: 'throughputRps', direction: 'maximize' }, constraints: [{ metric: 'p99LatencyMs', max: 100 }] }));
    const trials = feasible.out!.trials;
    expect(trials.every((t) => t.feasible === t.metrics!.p99LatencyMs <= 100)).toBe(true);
    const kept = trials.filter((t) => t.feasible);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(trials.length);
    expect(feasible.out!.best!.value).toBe(Math.max(...kept.map((t) => t.value!)));
    const impossible = specFile('impossible', { objective: { metric: 'throughputRps', direction: 'maximize' }, constraints: [{ metric: 'p99LatencyMs', max: 1 }] });
    const none = await run(impossible);
    expect(none.out!.best).toBeNull();
    expect(none.out!.noResult).toBe('no-feasible-trial');
    expect((await cli(['optimize', '--spec', impossible, '--objective', serviceLatency])).stdout).toMatch(/\nno feasible trial: every completed trial breaks a constraint\n$/);
  });

  it('reports the Pareto front of several objectives', async () => {
    const file = specFile('pareto', {
      objectives: [{ metric: 'p99LatencyMs', direction: 'minimize' }, { metric: 'throughputRps', direction: 'maximize' }],
      strategy: { name: 'nsga2', seed: 1 },
      budget: { maxTrials: 16 },
    });
    const { out } = await run(file);
    const losses = new Map(out!.trials.map((t) => [t.number, t.losses!]));
    const dominated = (a: number[], b: number[]) => b.every((v, i) => v <= a[i]) && b.some((v, i) => v < a[i]);
    for (const [n, l] of losses) expect(out!.front!.includes(n), `trial ${n}`).toBe(![...losses.values()].some((o) => dominated(l, o)));
    expect(out!.best).toBeNull();
    const human = await cli(['optimize', '--spec', file, '--objective', serviceLatency]);
    expect(human.stdout).toMatch(new RegExp(`\\npareto front: ${out!.front!.length} trials?\\n {2}#\\d+: p99LatencyMs = [\\d.]+, throughputRps = [\\d.]+; workers=`));
  });

  it('lets the flags override the spec, checked as the spec is, and refuses --metric', async () => {
    const file = specFile('override', { objective: { metric: 'p99LatencyMs', direction: 'minimize' } });
    expect((await run(file, '--trials', '5', '--seed', '9')).out!.trials).toHaveLength(5);
    const grid = await cli(['optimize', '--spec', file, '--objective', serviceLatency, '--strategy', 'grid', '--trials', '3']);
    expect(grid.code).toBe(1);
    expect(grid.stderr).toMatch(/^attune: --trials: is 3 but the grid has \d+ configurations/);
    const metric = await cli(['optimize', '--spec', file, '--objective', serviceLatency, '--metric', 'x']);
    expect(metric.stderr).toMatch(/^attune: --metric and --direction are for an objective module without --spec/);
    const bad = await cli(['optimize', '--spec', specFile('bad', { objective: { metric: 'p99LatencyMs', direction: 'minimize' }, measurement: { repeats: 0 } }), '--objective', serviceLatency]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/measurement\.repeats: must be an integer from 1 to 50/);
  });

  it('stops at a convergence rule as the driver would, and says which', async () => {
    const file = specFile('converging', { objective: { metric: 'p99LatencyMs', direction: 'minimize' }, budget: { maxTrials: 200 }, convergence: { patience: 5, minTrials: 3 } });
    const r = await run(file);
    expect(r.code).toBe(0);
    const out = r.out as SpecJson & { converged?: { rule: string; reason: string } };
    expect(out.converged?.rule).toBe('patience');
    expect(out.trials.length).toBeLessThan(200);
    const human = await cli(['optimize', '--spec', file, '--objective', serviceLatency]);
    expect(human.stdout).toContain(`converged (patience): ${out.converged!.reason}`);
  });

  describe('verification after the search', () => {
    const space = [{ name: 'x', type: 'int', min: 0, max: 3, default: 0 }];
    let modules = 0;
    /** A fresh module (a module is imported once per process) measuring `ms = truth(x)` plus seeded normal noise of sd 3. */
    const noisyModule = (truth: string): string => {
      const file = path.join(dir, `noisy-${modules++}.mjs`);
      writeFileSync(
        file,
        `let s = 17;
const uniform = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) + 0.5) / 2 ** 32;
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
export const evaluate = ({ x }) => ({ ms: (${truth}) + 3 * normal() });
`,
      );
      return file;
    };
    const spec = (name: string, extra: Record<string, unknown> = {}) =>
      specFile(name, { parameters: space, objective: { metric: 'ms', direction: 'minimize' }, baseline: true, budget: { maxTrials: 8 }, strategy: { name: 'random', seed: 4 }, ...extra });
    interface Verified {
      verification: { winner?: number; winnerParams?: { x: number }; significant: boolean; measured: number; problem?: string };
    }

    it("verifies a study with a baseline, as the coordinator would, and finds a real 20% cut significant", async () => {
      const file = spec('verified', { verification: { top: 2, repeats: 6 } });
      const r = await cli(['optimize', '--spec', file, '--objective', noisyModule('x === 3 ? 80 : 100'), '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as SpecJson & Verified;
      expect(out.verification).toMatchObject({ winnerParams: { x: 3 }, significant: true, measured: 18 });
      const human = await cli(['optimize', '--spec', file, '--objective', noisyModule('x === 3 ? 80 : 100')]);
      expect(human.stdout).toMatch(/\nverification: winner #\d+, significantly better than the baseline; 18 re-measurements, baseline #0\n {2}score: {3}\+\d+\.\d% \[\+\d+\.\d%, \+\d+\.\d%\] p=[\d.e-]+ \((Welch's t|rank test)\)\n {2}ms: .*\n {2}x=3\n$/);
    });

    it('says so when the winner is no better than the baseline, and verifies nothing with verification: false', async () => {
      const flat = await cli(['optimize', '--spec', spec('flat'), '--objective', noisyModule('100')]);
      expect(flat.code).toBe(0);
      expect(flat.stdout).toMatch(/\nverification: winner #\d+, NOT significantly better than the baseline; 20 re-measurements, baseline #0\n {2}score: {3}[+-]\d+\.\d% \[-\d+\.\d%, \+\d+\.\d%\] p=0\.\d{3} \((Welch's t|rank test)\)\n/);
      const off = await cli(['optimize', '--spec', spec('off', { verification: false }), '--objective', noisyModule('100'), '--json']);
      expect(JSON.parse(off.stdout)).not.toHaveProperty('verification');
    });
  });
});
