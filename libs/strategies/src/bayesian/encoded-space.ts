import { levelCount, numericFromUnit, numericToUnit } from '@attune/core/search-space/encoding';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import { decodeConfiguration, encodeConfiguration } from '@attune/core/search-space/unit-cube';

/** Discrete numeric parameters with at most this many levels are searched level by level. */
export const MAX_ENUMERATED_LEVELS = 32;

/** How one parameter appears to the GP. */
export type EncodedDimension =
  | { readonly kind: 'continuous' }
  | { readonly kind: 'levels'; readonly levels: Float64Array }
  | { readonly kind: 'categorical'; readonly count: number };

/**
 * The GP's view of a search space: one coordinate per parameter (the shared
 * unit-cube encoding, a missing value imputed). Numeric
 * parameters live in their unit encoding (log scales already log, ints and
 * steps at their cell centres); a categorical holds its category index and the
 * kernel compares it by equality. Few-level numerics are enumerated during
 * local search; many-level ones are optimised as continuous and snapped.
 */
export class EncodedSpace {
  readonly d: number;
  readonly categorical: Uint8Array;
  readonly dims: readonly EncodedDimension[];

  constructor(readonly space: SearchSpace) {
    this.d = space.length;
    this.categorical = Uint8Array.from(space.map((p) => (p.type === 'categorical' ? 1 : 0)));
    this.dims = space.map((p): EncodedDimension => {
      if (p.type === 'categorical') return { kind: 'categorical', count: p.values.length };
      const count = levelCount(p);
      if (count === undefined || count > MAX_ENUMERATED_LEVELS) return { kind: 'continuous' };
      const levels = new Float64Array(count);
      for (let k = 0; k < count; k++) levels[k] = numericToUnit(p, numericFromUnit(p, (k + 0.5) / count));
      return { kind: 'levels', levels };
    });
  }

  encode(params: Readonly<Params>): Float64Array {
    return encodeConfiguration(this.space, params, 'impute');
  }

  decode(x: ArrayLike<number>): Params {
    return decodeConfiguration(this.space, x);
  }

  /** Moves x (in place) onto the nearest legal configuration. */
  snap(x: Float64Array): Float64Array {
    this.space.forEach((p, l) => {
      x[l] = p.type === 'categorical' ? clampIndex(x[l], p.values.length) : numericToUnit(p, numericFromUnit(p, x[l]));
    });
    return x;
  }

  /** Same discrete coordinates and every continuous one within `separation` (unit scale). */
  nearDuplicate(a: ArrayLike<number>, b: ArrayLike<number>, separation: number): boolean {
    return this.dims.every((dim, l) => (dim.kind === 'continuous' ? Math.abs(a[l] - b[l]) < separation : a[l] === b[l]));
  }

  /** A point of the space from a point of the unit cube (categoricals by equal-width bins). */
  fromUnitCube(u: ArrayLike<number>): Float64Array {
    const x = new Float64Array(this.d);
    this.dims.forEach((dim, l) => {
      x[l] = dim.kind === 'categorical' ? Math.min(dim.count - 1, Math.floor(u[l] * dim.count)) : u[l];
    });
    return this.snap(x);
  }
}

function clampIndex(v: number, count: number): number {
  return Math.min(count - 1, Math.max(0, Math.round(v)));
}
