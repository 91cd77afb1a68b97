import { CategoricalParameter, NumericParameter, Parameter, ParamValue, Params, SearchSpace } from './parameter';
import { stepGrid, type StepGrid } from './step-grid';

/**
 * Maps between parameter values and the unit interval, the common coordinate
 * system of every strategy: log parameters are uniform in log space, ints and
 * stepped parameters cover [0, 1] with one equal-width cell per level (Optuna's
 * convention), so a uniform draw in [0, 1] gives every level the same chance.
 */

function stepOf(p: NumericParameter): number | undefined {
  if (p.step !== undefined) return p.step;
  return p.type === 'int' ? 1 : undefined;
}

const grids = new WeakMap<NumericParameter, StepGrid>();

/** The levels of a stepped parameter (an int's step is 1 by default); undefined when it is continuous or on a log scale. */
export function gridOf(p: NumericParameter): StepGrid | undefined {
  const step = stepOf(p);
  if (step === undefined || p.log) return undefined;
  let grid = grids.get(p);
  if (!grid) grids.set(p, (grid = stepGrid(p.min, p.max, step)));
  return grid;
}

/** Number of distinct levels of a discrete numeric parameter, or undefined if continuous. */
export function levelCount(p: NumericParameter): number | undefined {
  if (p.type === 'int' && p.log) return p.max - p.min + 1;
  return gridOf(p)?.count;
}

/** Snaps a raw number into the parameter's domain: clamp, then the nearest level (exactly on the grid), or the nearest integer. */
export function snapNumeric(p: NumericParameter, raw: number): number {
  const v = Math.min(p.max, Math.max(p.min, raw));
  const grid = gridOf(p);
  if (grid) return grid.level(Math.min(Math.max(Math.round((v - p.min) / grid.step), 0), grid.count - 1));
  return p.type === 'int' ? Math.round(v) : v;
}

function lowHigh(p: NumericParameter): [number, number] {
  const levels = levelCount(p);
  // Discrete levels own cells of equal width: extend by half a step each side.
  if (levels !== undefined && !p.log) {
    const half = (stepOf(p) as number) / 2;
    return [p.min - half, p.max + half];
  }
  if (p.log) {
    const pad = p.type === 'int' ? 0.5 : 0;
    return [Math.log(p.min - pad), Math.log(p.max + pad)];
  }
  return [p.min, p.max];
}

/** Position of a numeric value in [0, 1]. */
export function numericToUnit(p: NumericParameter, value: number): number {
  const [lo, hi] = lowHigh(p);
  if (hi === lo) return 0.5;
  const x = p.log ? Math.log(value) : value;
  return Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
}

/** Numeric value at position u in [0, 1], snapped into the domain. */
export function numericFromUnit(p: NumericParameter, u: number): number {
  const [lo, hi] = lowHigh(p);
  const x = lo + Math.min(1, Math.max(0, u)) * (hi - lo);
  return snapNumeric(p, p.log ? Math.exp(x) : x);
}

/** Index of a categorical value, or -1 if it is not one of the choices. */
export function categoryIndex(p: CategoricalParameter, value: ParamValue): number {
  return p.values.findIndex((v) => v === value);
}

/** True when the value is a legal value of the parameter. */
export function isInDomain(p: Parameter, value: unknown): boolean {
  if (p.type === 'categorical') return categoryIndex(p, value as ParamValue) >= 0;
  return typeof value === 'number' && Number.isFinite(value) && snapNumeric(p, value) === value;
}

/** A stable key for a configuration, for duplicate detection. */
export function configKey(space: SearchSpace, params: Params): string {
  return JSON.stringify(space.map((p) => params[p.name]));
}
