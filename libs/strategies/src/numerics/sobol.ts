import type { Rng } from '@attune/core/random/rng';
import { SOBOL_POLY, SOBOL_VINIT } from './sobol-directions';

const BITS = 30;
const SCALE = 2 ** -BITS;

/** Highest dimension with tabulated direction numbers. */
export const SOBOL_MAX_DIM = SOBOL_POLY.length;

/**
 * A Sobol low-discrepancy sequence in [0, 1)^dim (Gray-code order, as scipy's
 * `qmc.Sobol`). With an `rng` it is scrambled by a random linear matrix
 * scramble and a digital shift (Owen-style LMS + shift, as scipy does), which
 * keeps the (t, m, s)-net balance while removing the point at the origin.
 */
export class SobolSequence {
  private readonly v: Uint32Array[];
  private readonly state: Uint32Array;
  private readonly shift: Uint32Array;
  private index = 0;

  constructor(
    readonly dim: number,
    rng?: Rng,
  ) {
    if (!Number.isInteger(dim) || dim < 1 || dim > SOBOL_MAX_DIM) {
      throw new RangeError(`SobolSequence: dim must be an integer in [1, ${SOBOL_MAX_DIM}], got ${dim}`);
    }
    this.v = Array.from({ length: dim }, (_, d) => directionNumbers(d));
    this.shift = new Uint32Array(dim);
    if (rng) {
      for (let d = 0; d < dim; d++) {
        this.v[d] = scrambleDirections(this.v[d], rng);
        this.shift[d] = Math.floor(rng.float() * 2 ** BITS) >>> 0;
      }
    }
    this.state = new Uint32Array(dim);
  }

  /** The next point (the first one is the origin when unscrambled). */
  next(): Float64Array {
    const out = new Float64Array(this.dim);
    for (let d = 0; d < this.dim; d++) out[d] = ((this.state[d] ^ this.shift[d]) >>> 0) * SCALE;
    const c = trailingOnes(this.index);
    for (let d = 0; d < this.dim; d++) this.state[d] = (this.state[d] ^ this.v[d][c]) >>> 0;
    this.index++;
    return out;
  }

  /** The next `n` points. */
  take(n: number): Float64Array[] {
    return Array.from({ length: n }, () => this.next());
  }
}

/** Position of the lowest zero bit of i: the Gray-code bit that flips after point i. */
function trailingOnes(i: number): number {
  let c = 0;
  while (i & 1) {
    i >>>= 1;
    c++;
  }
  return c;
}

/** Direction numbers of one dimension, scaled to BITS bits (Bratley & Fox recurrence). */
function directionNumbers(d: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (d === 0) {
    for (let j = 0; j < BITS; j++) v[j] = 1;
  } else {
    const p = SOBOL_POLY[d];
    const m = Math.floor(Math.log2(p));
    const init = SOBOL_VINIT[d];
    for (let j = 0; j < m; j++) v[j] = init[j];
    for (let j = m; j < BITS; j++) {
      let nv = v[j - m];
      let pow2 = 1;
      for (let k = 0; k < m; k++) {
        pow2 *= 2;
        if ((p >> (m - 1 - k)) & 1) nv ^= pow2 * v[j - k - 1];
      }
      v[j] = nv >>> 0;
    }
  }
  for (let j = 0; j < BITS; j++) v[j] = (v[j] * 2 ** (BITS - 1 - j)) >>> 0;
  return v;
}

/**
 * Linear matrix scramble: each direction number, read as a bit column (most
 * significant bit first), is multiplied over GF(2) by a random lower-triangular
 * matrix with unit diagonal.
 */
function scrambleDirections(v: Uint32Array, rng: Rng): Uint32Array {
  // rows[r]: mask of the bits that feed output bit r (bit BITS-1-r of the number).
  const rows = new Uint32Array(BITS);
  for (let r = 0; r < BITS; r++) {
    let mask = 1 << (BITS - 1 - r);
    for (let c = 0; c < r; c++) if (rng.float() < 0.5) mask |= 1 << (BITS - 1 - c);
    rows[r] = mask >>> 0;
  }
  const out = new Uint32Array(BITS);
  for (let j = 0; j < BITS; j++) {
    let x = 0;
    for (let r = 0; r < BITS; r++) if (parity(rows[r] & v[j])) x |= 1 << (BITS - 1 - r);
    out[j] = x >>> 0;
  }
  return out;
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}
