import type { SearchSpace } from '@attune/core/search-space/parameter';
import { describe, expect, it } from 'vitest';
import { EncodedSpace } from './encoded-space';
import { anchorSize } from './hyperparameter-cache';
import { isHeavyTailed, transformLosses } from './output-transform';
import { selectTrainingSet, type Observation } from './training-set';

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

  it('anchors full fits at every size up to 24, then about eight times per doubling', () => {
    expect([5, 24].map((n) => anchorSize(n))).toEqual([5, 24]);
    expect(anchorSize(25)).toBe(24);
    expect(anchorSize(301)).toBe(288);
    const anchors = new Set(Array.from({ length: 512 }, (_, i) => anchorSize(i + 512)));
    expect(anchors.size).toBe(8);
  });
});
