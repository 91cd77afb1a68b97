import { describe, expect, it } from 'vitest';
import { cmaParameters, defaultPopsize } from './cma-parameters';
import { CmaState } from './cma-state';
import fixture from './fixtures/cma-fixture.json';

describe('CmaState', () => {
  it('has the recombination weights of the cmaes package', () => {
    cmaParameters(3, fixture.popsize).weights.forEach((w, i) => expect(w).toBeCloseTo(fixture.weights[i], 12));
    expect(defaultPopsize(3)).toBe(7);
    expect(defaultPopsize(10)).toBe(10);
  });

  it('matches a numpy run of two generations (mean, step size, covariance)', () => {
    const state = new CmaState(fixture.mean0, fixture.sigma0, fixture.popsize);
    for (const g of fixture.generations) state.tell(g.xs.map((x, k) => ({ x, loss: g.losses[k] })));
    state.mean.forEach((m, i) => expect(m).toBeCloseTo(fixture.mean[i], 10));
    expect(state.sigma).toBeCloseTo(fixture.sigma, 10);
    state.C.forEach((row, i) => row.forEach((c, j) => expect(c).toBeCloseTo(fixture.C[i][j], 10)));
  });

  it('samples mean + sigma·B·D·z', () => {
    const state = new CmaState([0.5, 0.5], 0.1, 6);
    expect(state.sample([0, 0])).toEqual([0.5, 0.5]);
    const x = state.sample([1, 0]);
    expect(Math.hypot(x[0] - 0.5, x[1] - 0.5)).toBeCloseTo(0.1, 12);
  });
});
