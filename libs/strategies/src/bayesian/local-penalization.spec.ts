import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { GpModel } from '../gp/gp-model';
import { Acquisition } from './acquisition';
import { bayesianOptionsSchema } from './bayesian.options';
import { BayesianStrategy } from './bayesian.strategy';
import { estimateLipschitz, PenalizedAcquisition } from './local-penalization';

// A 1-D GP through a valley: y = (x − 0.4)² standardised by hand.
const xs = [0, 0.2, 0.35, 0.5, 0.7, 1];
const ys = xs.map((x) => 8 * (x - 0.4) ** 2 - 0.5);
const model = new GpModel(
  { X: Float64Array.from(xs), n: xs.length, d: 1, categorical: new Uint8Array(1) },
  Float64Array.from(ys),
  { inverseSquaredLengthScales: Float64Array.of(1 / 0.3 ** 2), signalVariance: 1, noiseVariance: 1e-6 },
);
const best = Math.min(...ys);
const grid = Array.from({ length: 101 }, (_, i) => Float64Array.of(i / 100));

describe('local penalisation', () => {
  const L = estimateLipschitz(model, grid);

  it('estimates L as the steepest mean slope in length-scale units', () => {
    // d/dx 8(x − 0.4)² is at most 9.6 on [0, 1]; times ℓ = 0.3 → about 2.9.
    expect(L).toBeGreaterThan(2);
    expect(L).toBeLessThan(4);
  });

  it('penalises around a pending point, leaves far points (almost) alone, and is log-additive', () => {
    const plain = new Acquisition(model, 'logei', best, 4);
    const pen = new PenalizedAcquisition(model, 'logei', best, 4, L);
    const pending = Float64Array.of(0.6);
    pen.addPending(pending);
    expect(pen.value(pending)).toBeLessThan(plain.value(pending) - 0.5);
    expect(pen.value(Float64Array.of(0.05))).toBeCloseTo(plain.value(Float64Array.of(0.05)), 3);
    for (const x of grid) expect(pen.value(x)).toBeLessThanOrEqual(plain.value(x) + 1e-12);
  });

  it('gives the gradient of the penalised log-acquisition', () => {
    const pen = new PenalizedAcquisition(model, 'logei', best, 4, L);
    pen.addPending(Float64Array.of(0.42));
    pen.addPending(Float64Array.of(0.8));
    const g = new Float64Array(1);
    for (const x0 of [0.1, 0.3, 0.47, 0.65, 0.9]) {
      const v = pen.valueWithGradient(Float64Array.of(x0), g);
      expect(v).toBeCloseTo(pen.value(Float64Array.of(x0)), 10);
      const h = 1e-6;
      const fd = (pen.value(Float64Array.of(x0 + h)) - pen.value(Float64Array.of(x0 - h))) / (2 * h);
      expect(g[0]).toBeCloseTo(fd, 3);
    }
  });
});

describe('bayesian with batchStrategy local-penalization', () => {
  const space: SearchSpace = [
    { name: 'x', type: 'float', min: -5, max: 5 },
    { name: 'y', type: 'float', min: -5, max: 5 },
  ];
  const f = (p: TrialView['params']) => ((p.x as number) - 1.3) ** 2 + ((p.y as number) + 0.7) ** 2;
  const make = () => new BayesianStrategy(space, bayesianOptionsSchema.parse({ candidates: 256, batchStrategy: 'local-penalization' }));
  const trials: TrialView[] = [];
  const s = make();
  for (let i = 0; i < 12; i++) {
    const [p] = s.ask({ space, trials, seed: 2, maxTrials: 100 }, 1);
    trials.push({ number: i, state: 'COMPLETE', params: p.params, loss: f(p.params) });
  }

  it('moves away from a pending trial and keeps batch points apart, deterministically', () => {
    const ctx = { space, trials, seed: 2, maxTrials: 100 };
    const [alone] = make().ask(ctx, 1);
    const pending: TrialView = { number: trials.length, state: 'RUNNING', params: alone.params };
    const withPending = { ...ctx, trials: [...trials, pending] };
    const batch = make().ask(withPending, 4);
    expect(make().ask(withPending, 4)).toEqual(batch);
    const pts = [...batch.map((p) => p.params), pending.params].map((p) => [p.x as number, p.y as number]);
    const gaps = pts.flatMap((a, i) => pts.slice(0, i).map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
    // Near-duplicates (unit distance 1e-3, here 0.01) are never proposed; the balls keep them further apart.
    expect(Math.min(...gaps)).toBeGreaterThan(0.01);
  });
});
