import type { SearchSpace } from '@attune/core/search-space/parameter';
import { describe, expect, it } from 'vitest';
import { EncodedSpace } from './encoded-space';
import { anchorSize } from './hyperparameter-cache';
import { fitOutputTransform, isHeavyTailed, transformLosses } from './output-transform';
import { byRank, selectTrainingSet, type Observation } from './training-set';

const SPACE: SearchSpace = [
  { name: 'lr', type: 'float', min: 1e-4, max: 1, log: true },
  { name: 'k', type: 'int', min: 1, max: 4 },
  { name: 'big', type: 'int', min: 0, max: 1000 },
  { name: 'mode', type: 'categorical', values: ['a', 'b', 'c'] },
];

describe('EncodedSpace', () => {
  const es = new EncodedSpace(SPACE);

  it('encodes log scales in log space, few-level ints as levels, categoricals as indices', () => {
    expect(es.dims.map((d) => d.kind)).toEqual(['continuous', 'levels', 'continuous', 'categorical']);
    const x = es.encode({ lr: 1e-2, k: 2, big: 500, mode: 'c' });
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0.375, 12);
    expect(x[3]).toBe(2);
  });

  it('snaps any point to a legal configuration and decodes it', () => {
    const x = es.snap(Float64Array.from([0.123, 0.9, 0.4567, 1.6]));
    const p = es.decode(x);
    expect(p.k).toBe(4);
    expect(Number.isInteger(p.big)).toBe(true);
    expect(p.mode).toBe('c');
    expect(es.encode(p)).toEqual(x);
  });
});

describe('output transform', () => {
  it('standardises; flat data gives zeros, not NaN', () => {
    expect(Array.from(transformLosses([3, 3, 3], 'auto'))).toEqual([0, 0, 0]);
    const y = transformLosses([1, 2, 3], 'standardize');
    expect(y[0]).toBeCloseTo(-Math.sqrt(1.5), 12);
  });

  it('compresses a heavy upper tail (Rosenbrock-like) but leaves mild data alone', () => {
    const heavy = [0.5, 1, 2, 3, 4, 5, 6, 800, 20000];
    expect(isHeavyTailed(heavy)).toBe(true);
    expect(isHeavyTailed([1, 2, 3, 4, 5, 6, 7, 8])).toBe(false);
    const y = transformLosses(heavy, 'auto');
    // After the log warp the best points are no longer squashed together against one outlier.
    expect(y[1] - y[0]).toBeGreaterThan(0.01);
    expect(Array.from(transformLosses([1e300, -1e300, 0, Infinity], 'auto')).every(Number.isFinite)).toBe(true);
  });
});

describe('output transform slopes (to carry measured variances into the targets\' scale)', () => {
  it('are the derivative of the transform at each loss, and toTarget reproduces the targets', () => {
    for (const [losses, kind] of [[[1, 2, 3, 7], 'standardize'], [[0.5, 1, 2, 3, 4, 5, 6, 800, 20000], 'log']] as const) {
      const t = fitOutputTransform(losses, kind);
      expect(Array.from(t.y)).toEqual(Array.from(transformLosses(losses, kind)));
      losses.forEach((loss, i) => {
        expect(t.toTarget(loss)).toBeCloseTo(t.y[i], 12);
        const h = 1e-6 * Math.max(1, Math.abs(loss));
        expect(t.slopes[i]).toBeCloseTo((t.toTarget(loss + h) - t.toTarget(loss - h)) / (2 * h), 6);
      });
    }
    // Standardising [1, 2, 3]: sd √(2/3), so slope 1/√(2/3) and slack 0 maps to (0 − 2)/√(2/3).
    const plain = fitOutputTransform([1, 2, 3], 'standardize');
    expect(plain.slopes[0]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(plain.toTarget(0)).toBeCloseTo(-2 * Math.sqrt(1.5), 12);
  });
});

describe('training set and fit schedule', () => {
  const es = new EncodedSpace([{ name: 'x', type: 'float', min: 0, max: 1 }]);
  const all: Observation[] = Array.from({ length: 300 }, (_, i) => ({ number: i, x: Float64Array.of((i * 0.618) % 1), loss: (i * 7919) % 300 }));

  it('keeps everything while it fits, then the best, the most recent and a spread', () => {
    expect(selectTrainingSet(all.slice(0, 50), 60, es)).toHaveLength(50);
    const picked = selectTrainingSet(all, 60, es);
    expect(picked).toHaveLength(60);
    const numbers = new Set(picked.map((o) => o.number));
    expect(numbers.has(299)).toBe(true);
    expect(picked.some((o) => o.loss === 0)).toBe(true);
    expect(selectTrainingSet(all, 60, es)).toEqual(picked);
  });

  it('with constraints, counts feasible observations by loss as the best, then infeasible ones by violation', () => {
    // The lowest losses all break a constraint: the best third must still be the best feasible ones.
    const constrained = all.map((o) => ({ ...o, violation: o.loss < 100 ? 1 + o.loss : 0 }));
    const picked = selectTrainingSet(constrained, 60, es);
    const feasibleBest = constrained.filter((o) => o.violation === 0).sort((a, b) => a.loss - b.loss).slice(0, 20);
    for (const o of feasibleBest) expect(picked.map((p) => p.number)).toContain(o.number);
    expect(byRank({ loss: 5, violation: 0 }, { loss: 1, violation: 0.1 })).toBeLessThan(0);
    expect(byRank({ loss: 5, violation: 0.2 }, { loss: 1, violation: 0.1 })).toBeGreaterThan(0);
    expect(byRank({ loss: 5 }, { loss: 1 })).toBeGreaterThan(0);
  });

  it('anchors full fits at every size up to 24, then about eight times per doubling', () => {
    expect([5, 24].map((n) => anchorSize(n))).toEqual([5, 24]);
    expect(anchorSize(25)).toBe(24);
    expect(anchorSize(301)).toBe(288);
    const anchors = new Set(Array.from({ length: 512 }, (_, i) => anchorSize(i + 512)));
    expect(anchors.size).toBe(8);
  });
});
