import { describe, expect, it } from 'vitest';
import { contourGrid, kernelTaps, leaveOneOutError, sampleGrid, type GridSample } from './contour-grid';
import { contourModel, defaultContourAxes, NUMERIC_CELLS } from './contour-model';
import { seededRandom } from './testing/synthetic-study';
import { maximizeRps, minimizeLatency, trial, type StudyParameter } from './testing/fixtures';

const numeric = { cells: 24, smooth: true };

describe('kernelTaps', () => {
  it('are Gaussian weights, 1 at the centre, reaching 3 sigma', () => {
    const taps = kernelTaps({ cells: 10, smooth: true }, 0.1);
    expect(taps.length).toBe(7);
    expect(taps[3]).toBe(1);
    expect(taps[4]).toBeCloseTo(Math.exp(-0.5), 12);
    expect(taps[0]).toBeCloseTo(Math.exp(-4.5), 12);
  });

  it('are the single tap 1 across a categorical axis', () => {
    expect(Array.from(kernelTaps({ cells: 3, smooth: false }, 0.2))).toEqual([1]);
  });
});

describe('contourGrid', () => {
  it('is flat for all-equal values, everywhere a trial reaches', () => {
    const samples = [0.1, 0.5, 0.9].map((x) => ({ x, y: x, value: 7 }));
    const grid = contourGrid(samples, numeric, numeric);
    expect(grid.range[0]).toBeCloseTo(7, 9);
    expect(grid.range[1]).toBeCloseTo(7, 9);
    expect(sampleGrid(grid, 0.3, 0.6)).toBeCloseTo(7, 9);
  });

  it('spreads one trial everywhere, at the widest bandwidth', () => {
    const grid = contourGrid([{ x: 0.5, y: 0.5, value: 3 }], numeric, numeric);
    expect(grid.bandwidth).toBe(0.2);
    expect(sampleGrid(grid, 0.5, 0.5)).toBeCloseTo(3, 12);
    expect(sampleGrid(grid, 0.5, 0.5, grid.support)).toBeGreaterThan(0.5);
    expect(sampleGrid(grid, 0, 0, grid.support)).toBeLessThan(sampleGrid(grid, 0.5, 0.5, grid.support));
  });

  it('recovers a smooth known surface from noisy samples, better than the noise', () => {
    const random = seededRandom(3);
    const f = (x: number, y: number) => 10 * (x - 0.3) ** 2 + 5 * (y - 0.6) ** 2;
    const samples: GridSample[] = Array.from({ length: 4000 }, () => {
      const [x, y] = [random(), random()];
      return { x, y, value: f(x, y) + (random() - 0.5) * 0.6 };
    });
    const grid = contourGrid(samples, { cells: 40, smooth: true }, { cells: 40, smooth: true });
    let squared = 0;
    let n = 0;
    for (let u = 0.1; u <= 0.9; u += 0.05) {
      for (let v = 0.1; v <= 0.9; v += 0.05) {
        squared += (sampleGrid(grid, u, v) - f(u, v)) ** 2;
        n++;
      }
    }
    // The noise's own RMS is 0.6 / √12 ≈ 0.17; the surface should sit much closer to the truth.
    expect(Math.sqrt(squared / n)).toBeLessThan(0.1);
    expect(grid.bandwidth).toBeLessThan(0.2);
  });

  it('picks a narrow bandwidth for a sharp step and a wide one for pure noise', () => {
    const random = seededRandom(5);
    const step = Array.from({ length: 3000 }, () => {
      const [x, y] = [random(), random()];
      return { x, y, value: x < 0.5 ? 0 : 10 };
    });
    const noise = step.map((s) => ({ ...s, value: random() }));
    const axis = { cells: 48, smooth: true };
    expect(contourGrid(step, axis, axis).bandwidth).toBe(0.025);
    expect(contourGrid(noise, axis, axis).bandwidth).toBe(0.2);
  });

  it('keeps categories apart: no smoothing across a categorical axis', () => {
    const samples = [
      { x: 0.25, y: 0.2, value: 1 },
      { x: 0.25, y: 0.8, value: 1 },
      { x: 0.75, y: 0.5, value: 9 },
    ];
    const grid = contourGrid(samples, { cells: 2, smooth: false }, numeric);
    expect(sampleGrid(grid, 0.1, 0.5)).toBeCloseTo(1, 12);
    expect(sampleGrid(grid, 0.9, 0.1)).toBeCloseTo(9, 12);
  });

  it('has no value where no trial reaches (a category without trials)', () => {
    const grid = contourGrid([{ x: 0.1, y: 0.5, value: 1 }], { cells: 3, smooth: false }, numeric);
    expect(sampleGrid(grid, 0.9, 0.5)).toBeNaN();
  });

  it("measures leave-one-out error exactly for two samples in one cell: each predicted by the other", () => {
    const samples = [
      { x: 0.5, y: 0.5, value: 1 },
      { x: 0.5, y: 0.5, value: 3 },
    ];
    const axis = { cells: 1, smooth: false };
    const binned = { sums: Float64Array.of(4), counts: Float64Array.of(2), cellOfSample: Int32Array.of(0, 0) };
    expect(leaveOneOutError(samples, binned, binned)).toBe(4);
    expect(contourGrid(samples, axis, axis).values[0]).toBe(2);
  });
});

describe('contourModel', () => {
  const parameters: StudyParameter[] = [
    { name: 'mode', type: 'categorical', values: ['a', 'b'] },
    { name: 'x', type: 'float', min: 0, max: 1 },
    { name: 'lr', type: 'float', min: 0.001, max: 1, log: true },
  ];
  const s = { ...minimizeLatency(), parameters };
  const trials = [
    trial(0, { params: { mode: 'a', x: 0.5, lr: 0.01 }, value: 4 }),
    trial(1, { params: { mode: 'b', x: 0.2, lr: 0.1 }, value: 2, feasible: false }),
    trial(2, { params: { mode: 'b', x: 0.8, lr: 1 }, value: 3 }),
    trial(3, { params: { mode: 'b', x: 0.8 }, value: 1 }),
    trial(4, { state: 'FAILED', params: { mode: 'a', x: 0.1, lr: 0.1 } }),
  ];

  it('starts on the first two numeric parameters', () => {
    expect(defaultContourAxes(parameters)).toEqual(['x', 'lr']);
    expect(defaultContourAxes([parameters[0], parameters[1]])).toEqual(['mode', 'x']);
    expect(defaultContourAxes([parameters[0]])).toBeUndefined();
  });

  it('places the completed trials that have both parameters, log axes in log space, and marks the best feasible one', () => {
    const m = contourModel(s, trials, 'x', 'lr');
    if (m.kind !== 'surface') throw new Error(m.message);
    expect(m.points.map((p) => [trials[p.index].number, p.u, Number(p.v.toFixed(12))])).toEqual([
      [0, 0.5, Number((1 / 3).toFixed(12))],
      [1, 0.2, Number((2 / 3).toFixed(12))],
      [2, 0.8, 1],
    ]);
    expect(m.best && trials[m.best.index].number).toBe(2);
    expect(m.grid.x).toEqual({ cells: NUMERIC_CELLS, smooth: true });
    expect(m.grid.range[0]).toBeGreaterThanOrEqual(2);
    expect(m.grid.range[1]).toBeLessThanOrEqual(4);
  });

  it('gives a categorical axis a cell per category', () => {
    const m = contourModel(s, trials, 'mode', 'x');
    expect(m.kind === 'surface' && m.grid.x).toEqual({ cells: 2, smooth: false });
  });

  it('says why there is no surface', () => {
    expect(contourModel(s, [], 'x', 'lr')).toMatchObject({ kind: 'problem', message: 'No completed trials with latency and both parameters yet' });
    expect(contourModel(s, trials, 'x', 'x')).toMatchObject({ kind: 'problem', message: 'Choose two different parameters' });
    expect(contourModel(s, trials, 'x', 'gone').kind).toBe('problem');
    expect(contourModel({ ...maximizeRps(), parameters: [parameters[1]] }, trials, 'x', 'lr')).toMatchObject({ message: 'A contour needs two parameters; the study has fewer' });
  });
});
