import { describe, expect, it } from 'vitest';
import { hypervolume } from '@attune/core/pareto/hypervolume';
import type { Params } from '@attune/core/search-space/parameter';
import { MODEL_PROBLEMS, type ConstrainedProblem, type ParetoProblem } from '../../bench/model-problems';
import { runModelJob } from '../../bench/model-run';

const problem = <T>(name: string) => MODEL_PROBLEMS.find((p) => p.name === name) as T;
const branin = problem<ConstrainedProblem>('branin-constrained');
const zdt1 = problem<ParetoProblem>('zdt1-6d');
const dtlz2 = problem<ParetoProblem>('dtlz2-3obj-6d');
const unitParams = (x: readonly number[]): Params => Object.fromEntries(x.map((v, i) => [`x${i + 1}`, v]));

describe('measurement-model bench problems', () => {
  it("keeps one of Branin's three minima inside the disc: the constrained optimum", () => {
    const at = (x1: number, x2: number) => branin.evaluate({ x1, x2 });
    expect(at(Math.PI, 2.275).value).toBeCloseTo(branin.optimum, 12);
    expect(at(Math.PI, 2.275).disc).toBeLessThan(50);
    expect(at(-Math.PI, 12.275).disc).toBeGreaterThan(50);
    expect(at(3 * Math.PI, 2.475).disc).toBeGreaterThan(50);
  });

  it("puts ZDT1's and DTLZ2's optimal points on their known fronts", () => {
    const z = zdt1.evaluate(unitParams([0.25, 0, 0, 0, 0, 0]));
    expect(z).toEqual({ f1: 0.25, f2: 0.5 });
    const d = dtlz2.evaluate(unitParams([0.3, 0.7, 0.5, 0.5, 0.5, 0.5]));
    expect(Math.hypot(d.f1, d.f2, d.f3)).toBeCloseTo(1, 12);
  });

  it('states true hypervolumes that a dense sample of each front approaches from below', () => {
    const zFront = Array.from({ length: 2001 }, (_, i) => [i / 2000, 1 - Math.sqrt(i / 2000)]);
    const zhv = hypervolume(zFront, zdt1.reference);
    expect(zhv).toBeLessThan(zdt1.trueHypervolume);
    expect(zhv).toBeGreaterThan(zdt1.trueHypervolume - 1e-3);
    const n = 24;
    const dFront: number[][] = [];
    for (let i = 0; i <= n; i++) for (let j = 0; j <= n; j++) dFront.push(Object.values(dtlz2.evaluate(unitParams([i / n, j / n, 0.5, 0.5, 0.5, 0.5]))));
    const dhv = hypervolume(dFront, dtlz2.reference);
    expect(dhv).toBeLessThan(dtlz2.trueHypervolume);
    expect(dhv).toBeGreaterThan(dtlz2.trueHypervolume - 0.03);
  });

  it('scores a run: hypervolume fractions at the checkpoints, and whether the constrained optimum was reached', async () => {
    const pareto = await runModelJob({ model: true, strategy: 'random', problem: zdt1.name, seed: 0, budget: 100 }, zdt1);
    expect(Object.keys(pareto.hypervolume!)).toEqual(['50', '100']);
    expect(pareto.hypervolume![100]).toBeGreaterThanOrEqual(pareto.hypervolume![50]);
    expect(pareto.hypervolume![100]).toBeLessThan(1);
    const constrained = await runModelJob({ model: true, strategy: 'random', problem: branin.name, seed: 0, budget: 50 }, branin);
    expect(constrained.bestFeasible).toBeGreaterThanOrEqual(branin.optimum);
    expect(constrained.reached).toBe(constrained.bestFeasible! <= branin.optimum * 1.01);
  });
});
