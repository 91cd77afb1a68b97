import { levelCount, numericFromUnit } from '@attune/core/search-space/encoding';
import type { CategoricalParameter, NumericParameter, ParamValue, SearchSpace } from '@attune/core/search-space/parameter';
import { decodeCoordinate, encodeCoordinate } from '@attune/core/search-space/unit-cube';

/**
 * How one parameter looks to the Parzen estimator. Numeric parameters live in
 * the unit interval of the shared encoding (log scales already applied);
 * discrete ones (ints, steps) own one cell of it per level and are scored by
 * the kernel mass of that cell, like Optuna's discretised kernels. Categoricals
 * are indices into their list.
 */
export type TpeDimension =
  | { readonly kind: 'continuous'; readonly param: NumericParameter }
  | { readonly kind: 'discrete'; readonly param: NumericParameter; readonly cell: (u: number) => readonly [number, number] }
  | { readonly kind: 'categorical'; readonly param: CategoricalParameter; readonly choices: number };

function linearCells(levels: number): (u: number) => readonly [number, number] {
  return (u) => {
    const i = Math.min(levels - 1, Math.max(0, Math.floor(u * levels)));
    return [i / levels, (i + 1) / levels];
  };
}

/** Cells of a log-scale int: [log(v - ½), log(v + ½)] mapped to the unit interval. */
function logIntCells(p: NumericParameter): (u: number) => readonly [number, number] {
  const lo = Math.log(p.min - 0.5);
  const span = Math.log(p.max + 0.5) - lo;
  return (u) => {
    const v = numericFromUnit(p, u);
    return [(Math.log(v - 0.5) - lo) / span, (Math.log(v + 0.5) - lo) / span];
  };
}

export function tpeDimensions(space: SearchSpace): TpeDimension[] {
  return space.map((p): TpeDimension => {
    if (p.type === 'categorical') return { kind: 'categorical', param: p, choices: p.values.length };
    const levels = levelCount(p);
    if (levels === undefined) return { kind: 'continuous', param: p };
    if (p.log) return { kind: 'discrete', param: p, cell: logIntCells(p) };
    return { kind: 'discrete', param: p, cell: linearCells(levels) };
  });
}

/**
 * A parameter value in estimator coordinates, its unit-cube coordinate; NaN
 * when missing or not legal, so the trial is left out of that dimension.
 */
export function encodeValue(dim: TpeDimension, value: ParamValue | undefined): number {
  return encodeCoordinate(dim.param, value);
}

/** Back from estimator coordinates to a value of the parameter. */
export function decodeValue(dim: TpeDimension, x: number): ParamValue {
  return decodeCoordinate(dim.param, x);
}
