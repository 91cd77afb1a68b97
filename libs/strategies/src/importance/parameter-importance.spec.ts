import { AttuneError } from '@attune/core/errors/attune-error';
import { Rng } from '@attune/core/random/rng';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { parameterImportance, type ParameterImportance } from './parameter-importance';

const unitSpace: SearchSpace = ['x1', 'x2', 'x3'].map((name) => ({ name, type: 'float', min: 0, max: 1 }));

/** `count` trials at seeded uniform points, each loss `f(params)` plus N(0, noise²). */
function trialsOf(space: SearchSpace, count: number, f: (p: Params) => number | number[], seed: number, noise = 0): TrialView[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, number) => {
    const params: Params = {};
    for (const p of space) {
      const u = rng.float();
      params[p.name] = p.type === 'categorical' ? p.values[Math.floor(u * p.values.length)] : p.log ? p.min * (p.max / p.min) ** u : p.min + u * (p.max - p.min);
      if (p.type === 'int') params[p.name] = Math.round(params[p.name] as number);
    }
    const value = f(params);
    const losses = typeof value === 'number' ? { loss: value + noise * rng.normal() } : { losses: value };
    return { number, state: 'COMPLETE' as const, params, ...losses };
  });
}

function shares(result: ParameterImportance): Record<string, number> {
  if (result.kind !== 'importance') throw new Error(`no importance: ${result.problem}`);
  return Object.fromEntries(result.parameters.map((p) => [p.name, p.importance]));
}

// x1's term has variance 16·0.00889 ≈ 0.142, x2's 0.25/12 ≈ 0.021, x3 none: shares ≈ 0.87, 0.13, 0.
const dominated = (p: Params) => 4 * ((p.x1 as number) - 0.4) ** 2 + 0.5 * (p.x2 as number);

describe('parameterImportance', () => {
  it('ranks a dominant parameter over a minor one over an ignored one, from 80 noisy trials', () => {
    const result = parameterImportance(unitSpace, trialsOf(unitSpace, 80, dominated, 1, 0.05), { seed: 4 });
    expect(result).toMatchObject({ kind: 'importance', method: 'sobol-gp', trials: 80, modelPoints: 80, evaluations: 1024 * 5 });
    if (result.kind !== 'importance') return;
    expect(result.parameters.map((p) => p.name)).toEqual(['x1', 'x2', 'x3']);
    const s = shares(result);
    // Measured: 0.852, 0.145, 0.003 against the function's own 0.87, 0.13, 0.
    expect(s.x1).toBeCloseTo(0.87, 1);
    expect(s.x2).toBeCloseTo(0.13, 1);
    expect(s.x3).toBeLessThan(0.03);
    expect(s.x1 + s.x2 + s.x3).toBeCloseTo(1, 10);
    for (const p of result.parameters) expect(p.firstOrder).toBeLessThanOrEqual(p.total + 0.05);
    expect(result.note).toMatch(/80 feasible completed trials/);
  });

  it('works on log-scale, categorical and integer parameters', () => {
    const space: SearchSpace = [
      { name: 'lr', type: 'float', min: 1e-4, max: 1, log: true },
      { name: 'algo', type: 'categorical', values: ['a', 'b', 'c'] },
      { name: 'threads', type: 'int', min: 1, max: 8 },
    ];
    // t = log10(lr) + 2 is uniform on [−2, 2] under the log encoding: Var(t²) ≈ 1.42; algo's offsets 0, 2, 0: Var ≈ 0.89.
    const f = (p: Params) => (Math.log10(p.lr as number) + 2) ** 2 + (p.algo === 'b' ? 2 : 0);
    const s = shares(parameterImportance(space, trialsOf(space, 80, f, 2, 0.05), { seed: 1 }));
    // Shares 1.42 / 2.31 ≈ 0.615 and 0.385; measured 0.610, 0.390, 0.0003.
    expect(s.lr).toBeCloseTo(0.615, 1);
    expect(s.algo).toBeCloseTo(0.385, 1);
    expect(s.threads).toBeLessThan(0.03);
  });

  it('answers per objective of a study with several, and refuses one it does not have', () => {
    const trials = trialsOf(unitSpace, 60, (p) => [(p.x1 as number) ** 2, Math.sin(3 * (p.x2 as number))], 3);
    expect(Object.entries(shares(parameterImportance(unitSpace, trials, { seed: 1, objective: 0 })))[0][0]).toBe('x1');
    expect(Object.entries(shares(parameterImportance(unitSpace, trials, { seed: 1, objective: 1 })))[0][0]).toBe('x2');
    expect(() => parameterImportance(unitSpace, trials, { seed: 1, objective: 2 })).toThrow(AttuneError);
  });

  it('says "not enough trials" for a short history, counting only feasible completed ones', () => {
    const trials: TrialView[] = trialsOf(unitSpace, 14, dominated, 5).map((t) => ({ ...t, violation: t.number < 5 ? 1 : 0 }));
    trials.push({ number: 14, state: 'FAILED', params: { x1: 0.5, x2: 0.5, x3: 0.5 } });
    expect(parameterImportance(unitSpace, trials, { seed: 1 })).toEqual({ kind: 'problem', problem: 'needs at least 10 completed feasible trials, has 9', trials: 9 });
    expect(parameterImportance(unitSpace, [], { seed: 1 })).toMatchObject({ kind: 'problem', trials: 0 });
  });

  it('says so when the model is flat rather than dividing noise by noise', () => {
    const result = parameterImportance(unitSpace, trialsOf(unitSpace, 30, () => 1, 6), { seed: 1 });
    expect(result).toMatchObject({ kind: 'problem', problem: expect.stringMatching(/flat/) });
  });

  it('is a function of the trials and the seed', () => {
    const trials = trialsOf(unitSpace, 40, dominated, 7, 0.05);
    expect(parameterImportance(unitSpace, trials, { seed: 2 })).toEqual(parameterImportance(unitSpace, [...trials].reverse(), { seed: 2 }));
  });
});
