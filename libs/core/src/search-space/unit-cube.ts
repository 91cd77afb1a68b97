import { categoryIndex, numericFromUnit, numericToUnit } from './encoding';
import { emptyParams, type CategoricalParameter, type Parameter, type ParamValue, type Params, type SearchSpace } from './parameter';

/**
 * A configuration as a point of the unit cube, the coordinates every
 * model-based strategy works in: a numeric parameter's coordinate is its
 * position in [0, 1] (`numericToUnit`: log scales in log space, ints and
 * steps at the centre of their level's cell), a categorical's is the index of
 * its value.
 *
 * One rule for what a configuration lacks (a parameter added since, a value no
 * longer listed, a trial enqueued by hand without it): its coordinate is NaN.
 * A strategy that models each dimension on its own (TPE) leaves the trial out
 * of that dimension; one that needs every coordinate (CMA-ES, the GP, genomes)
 * asks for `'impute'` and gets the imputed coordinate (`imputedCoordinate`).
 */
export type MissingCoordinates = 'nan' | 'impute';

/** A value's coordinate; NaN when it is missing or not a value the parameter takes (a finite number, a listed choice). */
export function encodeCoordinate(p: Parameter, value: unknown): number {
  if (p.type === 'categorical') {
    const i = value === undefined ? -1 : categoryIndex(p, value as ParamValue);
    return i >= 0 ? i : Number.NaN;
  }
  return typeof value === 'number' && Number.isFinite(value) ? numericToUnit(p, value) : Number.NaN;
}

/**
 * The coordinate put in for a missing value: the centre of a numeric range
 * (0.5, where TPE's prior and CMA-ES's first mean sit), the first choice of a
 * categorical.
 */
export function imputedCoordinate(p: Parameter): number {
  return p.type === 'categorical' ? 0 : 0.5;
}

/**
 * Back to a value of the parameter: a numeric coordinate is clamped to [0, 1]
 * and snapped into the domain, a categorical one rounded to the nearest index
 * (clamped to the list); a non-finite coordinate decodes as the imputed one.
 */
export function decodeCoordinate(p: Parameter, x: number): ParamValue {
  const c = Number.isFinite(x) ? x : imputedCoordinate(p);
  if (p.type === 'categorical') return p.values[Math.min(p.values.length - 1, Math.max(0, Math.round(c)))];
  return numericFromUnit(p, c);
}

/** The category whose equal-width bin of [0, 1] holds u, so a uniform u gives every choice the same chance. */
export function categoryAtUnit(p: CategoricalParameter, u: number): ParamValue {
  return p.values[Math.min(p.values.length - 1, Math.max(0, Math.floor(u * p.values.length)))];
}

/** A configuration's point, one coordinate per parameter in the space's order. */
export function encodeConfiguration(space: SearchSpace, params: Readonly<Params>, missing: MissingCoordinates): Float64Array {
  const x = new Float64Array(space.length);
  space.forEach((p, j) => {
    const c = encodeCoordinate(p, params[p.name]);
    x[j] = Number.isNaN(c) && missing === 'impute' ? imputedCoordinate(p) : c;
  });
  return x;
}

/** The configuration at a point (see `decodeCoordinate`). */
export function decodeConfiguration(space: SearchSpace, x: ArrayLike<number>): Params {
  const params = emptyParams();
  space.forEach((p, j) => (params[p.name] = decodeCoordinate(p, x[j])));
  return params;
}

/** The configuration at a point of the unit cube in every dimension: numerics by position, categoricals by bin (`categoryAtUnit`). */
export function configurationAtUnit(space: SearchSpace, u: ArrayLike<number>): Params {
  const params = emptyParams();
  space.forEach((p, j) => (params[p.name] = p.type === 'categorical' ? categoryAtUnit(p, u[j]) : numericFromUnit(p, u[j])));
  return params;
}
