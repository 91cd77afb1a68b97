import { Rng } from '@attune/core/random/rng';
import { describe, expect, it } from 'vitest';
import fixture from '../numerics/fixtures/numerics.fixture.json';
import { fitHyperparameters } from './fit-hyperparameters';
import { logPriorWithGradient, toRaw, type GpHyperparameters } from './gp-hyperparameters';
import { GpModel } from './gp-model';
import { NegativeLogPosterior } from './log-marginal-likelihood';
import type { GpInputs } from './matern52.kernel';

const g = fixture.gp;
const inputs: GpInputs = { X: Float64Array.from(g.X.flat()), n: g.X.length, d: 3, categorical: Uint8Array.from(g.categorical.map(Number)) };
const hyper: GpHyperparameters = {
  inverseSquaredLengthScales: Float64Array.from(g.inverseSquaredLengthScales),
  signalVariance: g.signalVariance,
  noiseVariance: g.noiseVariance,
};
const y = Float64Array.from(g.y);

/** log p(y | X, θ): the negative log posterior with the prior taken back out. */
function logMarginalLikelihood(at: GpInputs, h: GpHyperparameters): number {
  const raw = toRaw(h);
  return -new NegativeLogPosterior(at, y).evaluate(raw, new Float64Array(raw.length)) - logPriorWithGradient(raw, new Float64Array(raw.length));
}

/** The analytic gradient in θ agrees with central differences. */
function expectExactGradient(obj: NegativeLogPosterior, raw: Float64Array): void {
  const grad = new Float64Array(raw.length);
  const scratch = new Float64Array(raw.length);
  obj.evaluate(raw, grad);
  for (let k = 0; k < raw.length; k++) {
    const h = 1e-6;
    const up = Float64Array.from(raw);
    const dn = Float64Array.from(raw);
    up[k] += h;
    dn[k] -= h;
    expect(grad[k]).toBeCloseTo((obj.evaluate(up, scratch) - obj.evaluate(dn, scratch)) / (2 * h), 5);
  }
}

describe('GpModel (Matérn 5/2, ARD, Hamming on categoricals)', () => {
  const model = new GpModel(inputs, y, hyper);

  it('posterior mean and variance match the numpy computation', () => {
    g.Xs.forEach((x, i) => {
      const p = model.predict(x);
      expect(p.mean).toBeCloseTo(g.mean[i], 12);
      expect(p.variance).toBeCloseTo(g.variance[i], 12);
    });
  });

  it('predictMean is the numpy mean too, and leaves predict unchanged after it', () => {
    g.Xs.forEach((x, i) => expect(model.predictMean(x)).toBeCloseTo(g.mean[i], 12));
    expect(model.predict(g.Xs[0]).variance).toBeCloseTo(g.variance[0], 12);
  });

  it('gradients of mean and variance agree with central differences', () => {
    const x = [0.37, 0.61, 1];
    const dm = new Float64Array(3);
    const dv = new Float64Array(3);
    model.predictWithGradient(x, dm, dv);
    for (const l of [0, 1]) {
      const h = 1e-6;
      const up = model.predict(x.map((v, j) => (j === l ? v + h : v)));
      const dn = model.predict(x.map((v, j) => (j === l ? v - h : v)));
      expect(dm[l]).toBeCloseTo((up.mean - dn.mean) / (2 * h), 6);
      expect(dv[l]).toBeCloseTo((up.variance - dn.variance) / (2 * h), 6);
    }
    expect(dm[2]).toBe(0);
  });

  it('log marginal likelihood matches numpy and its gradient matches finite differences', () => {
    expect(logMarginalLikelihood(inputs, hyper)).toBeCloseTo(g.logMarginalLikelihood, 10);
    expectExactGradient(new NegativeLogPosterior(inputs, y), toRaw(hyper));
  });

  it('per-point noise: a constant c everywhere is the fitted noise plus c; a noisy point pulls the mean less', () => {
    const c = 0.05;
    const noisyInputs = { ...inputs, pointNoise: new Float64Array(inputs.n).fill(c) };
    const shiftedHyper = { ...hyper, noiseVariance: hyper.noiseVariance + c };
    const noisy = new GpModel(noisyInputs, y, hyper);
    const shifted = new GpModel(inputs, y, shiftedHyper);
    for (const x of g.Xs) {
      expect(noisy.predict(x).mean).toBeCloseTo(shifted.predict(x).mean, 12);
      expect(noisy.predict(x).variance).toBeCloseTo(shifted.predict(x).variance, 12);
    }
    expect(logMarginalLikelihood(noisyInputs, hyper)).toBeCloseTo(logMarginalLikelihood(inputs, shiftedHyper), 10);
    const one = new Float64Array(inputs.n);
    one[0] = 10;
    const x0 = Array.from(inputs.X.subarray(0, 3));
    const trusting = Math.abs(model.predict(x0).mean - y[0]);
    const doubting = Math.abs(new GpModel({ ...inputs, pointNoise: one }, y, hyper).predict(x0).mean - y[0]);
    expect(doubting).toBeGreaterThan(trusting + 0.01);
  });

  it('the likelihood gradient stays exact with per-point noise', () => {
    const noisyInputs = { ...inputs, pointNoise: Float64Array.from({ length: inputs.n }, (_, i) => 0.01 * (i % 4)) };
    expectExactGradient(new NegativeLogPosterior(noisyInputs, y), toRaw(hyper));
  });

  it('fits finite hyperparameters on flat and duplicate data', () => {
    const dup: GpInputs = { X: Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.2, 0.2]), n: 3, d: 2, categorical: new Uint8Array(2) };
    for (const ys of [[0, 0, 0], [1, -1, 0]]) {
      const h = fitHyperparameters(dup, Float64Array.from(ys), { rng: Rng.derive(1) });
      const m = new GpModel(dup, Float64Array.from(ys), h);
      const p = m.predict([0.4, 0.6]);
      expect(Number.isFinite(p.mean) && Number.isFinite(p.variance)).toBe(true);
    }
  });
});
