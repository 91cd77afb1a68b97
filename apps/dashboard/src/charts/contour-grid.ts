/**
 * The objective over two parameters as a surface on a grid, from scattered
 * trials: Nadaraya–Watson kernel regression (a Gaussian-weighted average of
 * the trials' values) computed on binned data by separable convolution.
 *
 * Why this and not inverse-distance weighting or a spline: trials are noisy
 * measurements, not exact samples, and they crowd where the search went.
 * IDW interpolates exactly through every point (noise becomes spikes and
 * "bull's-eyes" around each trial) and is O(cells × trials); a smoothing
 * kernel averages the noise away, and binning first makes it O(cells ×
 * kernel width) however many trials there are (10,000 trials: about a
 * millisecond). The bandwidth is chosen among a few by leave-one-out
 * cross-validation, which for a kernel average is exact and cheap:
 * leave a trial out by subtracting it from its own bin's sums. The summed
 * kernel weight at a cell (about how many trials are near it) says how much
 * to trust the surface there: the chart fades cells with little support.
 *
 * Coordinates are unit positions on each axis (log parameters in log space,
 * as the strategies search them). A categorical axis has one cell per
 * category and no smoothing across it: its categories are not ordered, so
 * neighbouring ones must not bleed into each other.
 */

export interface GridAxis {
  /** Cells along the axis. */
  readonly cells: number;
  /** Smoothed (numeric) or not (categorical: one cell per category). */
  readonly smooth: boolean;
}

/** A trial at unit positions (x, y) with its value. */
export interface GridSample {
  readonly x: number;
  readonly y: number;
  readonly value: number;
}

export interface ContourGrid {
  readonly x: GridAxis;
  readonly y: GridAxis;
  /** The estimate at cell (i, j) at [j · x.cells + i]; NaN where no trial reaches. */
  readonly values: Float64Array;
  /** The summed kernel weight at each cell: roughly how many trials are near it. */
  readonly support: Float64Array;
  /** The chosen bandwidth, as a fraction of a numeric axis. */
  readonly bandwidth: number;
  /** The smallest and largest estimate. */
  readonly range: readonly [number, number];
}

/** Bandwidths tried, as fractions of an axis; the cross-validation picks one. */
export const BANDWIDTHS = [0.025, 0.04, 0.06, 0.09, 0.13, 0.2] as const;

function cellOf(u: number, cells: number): number {
  return Math.min(cells - 1, Math.max(0, Math.floor(u * cells)));
}

/** Gaussian weights for offsets −R..R cells (exp(−d²/2σ²), 1 at 0), or the single tap [1] for an axis not smoothed. */
export function kernelTaps(axis: GridAxis, bandwidth: number): Float64Array {
  if (!axis.smooth) return Float64Array.of(1);
  const sigma = Math.max(1e-6, bandwidth * axis.cells);
  const reach = Math.min(axis.cells - 1, Math.ceil(3 * sigma));
  return Float64Array.from({ length: 2 * reach + 1 }, (_, k) => Math.exp(-((k - reach) ** 2) / (2 * sigma * sigma)));
}

/** Convolves a row-major nx × ny array along x (step 1) or y (step nx) with symmetric taps; outside the grid counts as 0. */
function convolve(src: Float64Array, nx: number, ny: number, taps: Float64Array, alongX: boolean): Float64Array {
  if (taps.length === 1) return src;
  const out = new Float64Array(src.length);
  const reach = (taps.length - 1) / 2;
  const [length, lines] = alongX ? [nx, ny] : [ny, nx];
  const [step, lineStep] = alongX ? [1, nx] : [nx, 1];
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep;
    for (let i = 0; i < length; i++) {
      let sum = 0;
      const from = Math.max(0, i - reach);
      const to = Math.min(length - 1, i + reach);
      for (let k = from; k <= to; k++) sum += taps[k - i + reach] * src[base + k * step];
      out[base + i * step] = sum;
    }
  }
  return out;
}

/** Samples summed into their cells. */
export interface Binned {
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  /** Each sample's cell. */
  readonly cellOfSample: Int32Array;
}

function bin(samples: readonly GridSample[], x: GridAxis, y: GridAxis): Binned {
  const sums = new Float64Array(x.cells * y.cells);
  const counts = new Float64Array(x.cells * y.cells);
  const cellOfSample = new Int32Array(samples.length);
  samples.forEach((s, k) => {
    const c = cellOf(s.y, y.cells) * x.cells + cellOf(s.x, x.cells);
    cellOfSample[k] = c;
    sums[c] += s.value;
    counts[c] += 1;
  });
  return { sums, counts, cellOfSample };
}

function smooth(binned: Binned, x: GridAxis, y: GridAxis, bandwidth: number): { sums: Float64Array; counts: Float64Array } {
  const [tx, ty] = [kernelTaps(x, bandwidth), kernelTaps(y, bandwidth)];
  const along = (a: Float64Array) => convolve(convolve(a, x.cells, y.cells, tx, true), x.cells, y.cells, ty, false);
  return { sums: along(binned.sums), counts: along(binned.counts) };
}

/**
 * Mean squared leave-one-out error of a bandwidth: each sample predicted
 * from the others (its own weight, 1 at distance 0, taken out of its cell's
 * sums); a sample with no other within reach is predicted by the mean of all.
 */
export function leaveOneOutError(samples: readonly GridSample[], binned: Binned, smoothed: { sums: Float64Array; counts: Float64Array }): number {
  const mean = samples.reduce((s, p) => s + p.value, 0) / samples.length;
  let error = 0;
  samples.forEach((s, k) => {
    const c = binned.cellOfSample[k];
    const weight = smoothed.counts[c] - 1;
    const predicted = weight > 1e-9 ? (smoothed.sums[c] - s.value) / weight : mean;
    error += (s.value - predicted) ** 2;
  });
  return error / samples.length;
}

/** The surface from the samples (at least one), with the bandwidth of least leave-one-out error (the wider of equals). */
export function contourGrid(samples: readonly GridSample[], x: GridAxis, y: GridAxis, bandwidths: readonly number[] = BANDWIDTHS): ContourGrid {
  const binned = bin(samples, x, y);
  let best = { bandwidth: bandwidths[0], error: Infinity, smoothed: smooth(binned, x, y, bandwidths[0]) };
  for (const bandwidth of bandwidths) {
    const smoothed = smooth(binned, x, y, bandwidth);
    const error = leaveOneOutError(samples, binned, smoothed);
    if (error <= best.error * (1 + 1e-9)) best = { bandwidth, error, smoothed };
  }
  const { sums, counts } = best.smoothed;
  const values = new Float64Array(sums.length);
  let [min, max] = [Infinity, -Infinity];
  for (let c = 0; c < values.length; c++) {
    values[c] = counts[c] > 1e-12 ? sums[c] / counts[c] : Number.NaN;
    if (values[c] < min) min = values[c];
    if (values[c] > max) max = values[c];
  }
  return { x, y, values, support: counts, bandwidth: best.bandwidth, range: [min, max] };
}

/**
 * The surface at unit positions (u, v): bilinear between cell centres on a
 * numeric axis, the cell's own value on a categorical one; NaN where the
 * surface has no value. `of` reads another array of the grid (the support).
 */
export function sampleGrid(grid: ContourGrid, u: number, v: number, of: Float64Array = grid.values): number {
  const [i0, i1, fx] = cellPosition(grid.x, u);
  const [j0, j1, fy] = cellPosition(grid.y, v);
  return interpolate(of, grid.x.cells, i0, i1, fx, j0, j1, fy);
}

/** The cells around a unit position and the fraction between them (one cell, fraction 0, on a categorical axis). */
export function cellPosition(axis: GridAxis, u: number): [number, number, number] {
  if (!axis.smooth) {
    const i = cellOf(u, axis.cells);
    return [i, i, 0];
  }
  const f = Math.min(axis.cells - 1, Math.max(0, u * axis.cells - 0.5));
  const i = Math.min(axis.cells - 2, Math.floor(f));
  return i < 0 ? [0, 0, 0] : [i, i + 1, f - i];
}

/** Bilinear interpolation of a row-major grid n cells wide between columns i0, i1 and rows j0, j1. */
export function interpolate(values: Float64Array, n: number, i0: number, i1: number, fx: number, j0: number, j1: number, fy: number): number {
  const a = values[j0 * n + i0] + (values[j0 * n + i1] - values[j0 * n + i0]) * fx;
  const b = values[j1 * n + i0] + (values[j1 * n + i1] - values[j1 * n + i0]) * fx;
  return a + (b - a) * fy;
}
