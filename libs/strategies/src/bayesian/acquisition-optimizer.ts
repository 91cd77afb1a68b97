import type { Rng } from '@attune/core/random/rng';
import { minimizeBounded } from '../numerics/lbfgsb';
import type { AcquisitionFunction } from './acquisition';
import type { EncodedSpace } from './encoded-space';
import { quasiRandomPoints } from './quasi-random';

/** A box of the encoded space (numeric coordinates in [0, 1], categoricals by index). */
export interface SearchBox {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Options of {@link optimizeAcquisition}. */
export interface AcquisitionSearchOptions {
  /** Quasi-random candidates scored first. */
  readonly candidates: number;
  /** Candidates that get local refinement. */
  readonly localStarts: number;
  /** Good points (best of history) perturbed to make extra candidates. */
  readonly anchors: readonly Float64Array[];
  /** The best observed point: also searched by changing each few-level coordinate with the continuous ones re-optimised. */
  readonly incumbent?: Float64Array;
}

/** A candidate after search, snapped to the domain, with its acquisition value. */
export interface ScoredPoint {
  readonly x: Float64Array;
  readonly value: number;
}

/**
 * Maximises an acquisition function over a mixed space: scores scrambled-Sobol
 * candidates and Gaussian perturbations of the best observed points, then
 * refines the best few by alternating bounded L-BFGS over the continuous
 * coordinates (in length-scale units, which equalises their curvature) with an
 * exhaustive sweep of every enumerated or categorical coordinate. Returns all
 * refined points, snapped, best first, so the caller can skip duplicates.
 */
export function optimizeAcquisition(acq: AcquisitionFunction, space: EncodedSpace, rng: Rng, options: AcquisitionSearchOptions): ScoredPoint[] {
  const box = fullBox(space);
  const pool = quasiRandomPoints(space, options.candidates, rng);
  for (const anchor of options.anchors) {
    pool.push(Float64Array.from(anchor));
    for (const sd of [0.01, 0.05, 0.15]) {
      for (let k = 0; k < 8; k++) pool.push(perturb(space, anchor, sd, rng, box));
    }
  }
  const scored = pool.map((x) => ({ x, value: acq.value(x) }));
  scored.sort((a, b) => b.value - a.value);
  const starts = scored.slice(0, options.localStarts);
  const refined = starts.map((s) => localSearch(acq, space, s, box)).sort((a, b) => b.value - a.value);
  if (refined.length > 0) refined[0] = jointLevelSearch(acq, space, refined[0], box);
  if (options.incumbent && space.dims.some((dim) => dim.kind !== 'continuous')) {
    refined.push(jointLevelSearch(acq, space, { x: Float64Array.from(options.incumbent), value: -Infinity }, box));
  }
  const all = [...refined, ...scored.slice(options.localStarts, options.localStarts + 32)];
  return all
    .map((p) => {
      const x = space.snap(Float64Array.from(p.x));
      return { x, value: acq.value(x) };
    })
    .sort((a, b) => b.value - a.value);
}

/** The whole encoded space as a box. */
export function fullBox(space: EncodedSpace): SearchBox {
  return {
    lower: new Float64Array(space.d),
    upper: Float64Array.from(space.dims, (dim) => (dim.kind === 'categorical' ? dim.count - 1 : 1)),
  };
}

function perturb(space: EncodedSpace, anchor: Float64Array, sd: number, rng: Rng, box: SearchBox): Float64Array {
  const x = Float64Array.from(anchor);
  space.dims.forEach((dim, l) => {
    if (dim.kind === 'categorical') {
      if (rng.float() < sd * 2) x[l] = rng.int(0, dim.count - 1);
    } else {
      x[l] = Math.min(box.upper[l], Math.max(box.lower[l], x[l] + sd * rng.normal()));
    }
  });
  return space.snap(x);
}

/** The values a discrete coordinate may take inside the box. */
function coordinateValues(space: EncodedSpace, l: number, box: SearchBox): number[] {
  const dim = space.dims[l];
  if (dim.kind === 'categorical') return [...Array(dim.count).keys()];
  if (dim.kind === 'levels') return Array.from(dim.levels).filter((v) => v >= box.lower[l] && v <= box.upper[l]);
  return [];
}

/** Coordinate-block ascent: continuous block by L-BFGS, then each discrete coordinate exhaustively. */
function localSearch(acq: AcquisitionFunction, space: EncodedSpace, start: ScoredPoint, box: SearchBox): ScoredPoint {
  let best: ScoredPoint = { x: Float64Array.from(start.x), value: start.value };
  const continuous = space.dims.flatMap((dim, l) => (dim.kind === 'continuous' ? [l] : []));
  const discrete = space.dims.flatMap((dim, l) => (dim.kind === 'continuous' ? [] : [l]));
  for (let round = 0; round < 4; round++) {
    let improved = false;
    if (continuous.length > 0) {
      const next = gradientAscent(acq, best, continuous, box);
      if (next.value > best.value + 1e-12) {
        best = next;
        improved = true;
      }
    }
    for (const l of discrete) {
      const next = sweepCoordinate(acq, space, best, l, box);
      if (next.value > best.value + 1e-12) {
        best = next;
        improved = true;
      }
    }
    if (!improved || discrete.length === 0) break;
  }
  return best;
}

/** Discrete coordinates with at most this many values get the joint search below. */
const JOINT_MAX_VALUES = 8;

/**
 * For each small discrete coordinate, tries every other value with the
 * continuous coordinates re-optimised: escapes optima where a discrete knob
 * and a continuous one must move together (retries × timeout budgets), which
 * coordinate-wise sweeps cannot.
 */
function jointLevelSearch(acq: AcquisitionFunction, space: EncodedSpace, start: ScoredPoint, box: SearchBox): ScoredPoint {
  const continuous = space.dims.flatMap((dim, l) => (dim.kind === 'continuous' ? [l] : []));
  if (continuous.length === 0) return start;
  let best = start;
  space.dims.forEach((dim, l) => {
    const values = coordinateValues(space, l, box);
    if (values.length > JOINT_MAX_VALUES) return;
    for (const v of values) {
      if (v === best.x[l]) continue;
      const x = Float64Array.from(best.x);
      x[l] = v;
      const next = gradientAscent(acq, { x, value: acq.value(x) }, continuous, box, 25);
      if (next.value > best.value + 1e-12) best = next;
    }
  });
  return best;
}

function gradientAscent(acq: AcquisitionFunction, start: ScoredPoint, dims: number[], box: SearchBox, maxIterations = 60): ScoredPoint {
  const rho = acq.model.hyper.inverseSquaredLengthScales;
  const scale = dims.map((l) => 1 / Math.sqrt(rho[l]));
  const x = Float64Array.from(start.x);
  const fullGrad = new Float64Array(x.length);
  const fn = (z: Float64Array, grad: Float64Array) => {
    dims.forEach((l, k) => (x[l] = z[k] * scale[k]));
    const v = acq.valueWithGradient(x, fullGrad);
    dims.forEach((l, k) => (grad[k] = -fullGrad[l] * scale[k]));
    return -v;
  };
  const res = minimizeBounded(fn, dims.map((l, k) => Math.min(box.upper[l], Math.max(box.lower[l], start.x[l])) / scale[k]), {
    lower: dims.map((l, k) => box.lower[l] / scale[k]), upper: dims.map((l, k) => box.upper[l] / scale[k]), maxIterations, pgtol: 1e-5, ftol: 1e-9,
  });
  dims.forEach((l, k) => (x[l] = res.x[k] * scale[k]));
  return { x, value: -res.f };
}

function sweepCoordinate(acq: AcquisitionFunction, space: EncodedSpace, start: ScoredPoint, l: number, box: SearchBox): ScoredPoint {
  const values = coordinateValues(space, l, box);
  let best = start;
  const x = Float64Array.from(start.x);
  for (const v of values) {
    if (v === start.x[l]) continue;
    x[l] = v;
    const value = acq.value(x);
    if (value > best.value) best = { x: Float64Array.from(x), value };
  }
  return best;
}

/** Grid points per coordinate of a pair move (levels and categories use their own values inside the box). */
const PAIR_GRID = 9;

/**
 * Every pair of the given coordinates moved together on a grid inside the box,
 * the others held at `center`; the best is then polished on the remaining
 * continuous coordinates. Finds moves like "one more retry with a shorter
 * timeout" that no single-coordinate sweep can see as an improvement.
 */
export function pairGridSearch(acq: AcquisitionFunction, space: EncodedSpace, center: Float64Array, dims: readonly number[], box: SearchBox): ScoredPoint {
  const grid = (l: number) => {
    const values = coordinateValues(space, l, box);
    if (space.dims[l].kind !== 'continuous') return values;
    return Array.from({ length: PAIR_GRID }, (_, k) => box.lower[l] + ((box.upper[l] - box.lower[l]) * k) / (PAIR_GRID - 1));
  };
  let best: ScoredPoint = { x: center, value: -Infinity };
  let moved: number[] = [];
  const x = Float64Array.from(center);
  for (let i = 0; i < dims.length; i++) {
    for (let j = i + 1; j < dims.length; j++) {
      const [a, b] = [dims[i], dims[j]];
      for (const va of grid(a)) {
        for (const vb of grid(b)) {
          x.set(center);
          x[a] = va;
          x[b] = vb;
          space.snap(x);
          const value = acq.value(x);
          if (value > best.value) {
            best = { x: Float64Array.from(x), value };
            moved = [a, b];
          }
        }
      }
    }
  }
  const rest = space.dims.flatMap((dim, l) => (dim.kind === 'continuous' && !moved.includes(l) ? [l] : []));
  return rest.length > 0 ? gradientAscent(acq, best, rest, box, 25) : best;
}
