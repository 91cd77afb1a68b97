/** A lower-triangular Cholesky factor, row-major n×n, and the jitter that made it succeed. */
export interface CholeskyFactor {
  readonly n: number;
  readonly L: Float64Array;
  /** Added to the diagonal before factorising (0 when the matrix was positive definite as given). */
  readonly jitter: number;
}

/** Jitters tried in turn, relative to the mean diagonal. */
const RELATIVE_JITTERS = [0, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1];

/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric matrix (row-major, only the
 * lower triangle is read). When A is not numerically positive definite the
 * diagonal is raised by an escalating jitter, so duplicate or flat data never
 * produce NaN. Throws only if A holds non-finite numbers.
 */
export function cholesky(A: Float64Array, n: number): CholeskyFactor {
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += A[i * n + i];
  meanDiag = n > 0 ? Math.abs(meanDiag / n) || 1 : 1;
  const L = new Float64Array(n * n);
  for (const rel of RELATIVE_JITTERS) {
    const jitter = rel * meanDiag;
    if (tryFactor(A, n, jitter, L)) return { n, L, jitter };
  }
  throw new Error('cholesky: matrix is not positive definite even with jitter (non-finite entries?)');
}

function tryFactor(A: Float64Array, n: number, jitter: number, L: Float64Array): boolean {
  L.fill(0);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = A[rowJ + j] + jitter;
    for (let k = 0; k < j; k++) d -= L[rowJ + k] * L[rowJ + k];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    L[rowJ + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = A[rowI + j];
      for (let k = 0; k < j; k++) s -= L[rowI + k] * L[rowJ + k];
      L[rowI + j] = s * inv;
    }
  }
  return true;
}

/** Solves L·x = b (forward substitution) into `out` (a new array by default). */
export function solveLower(f: CholeskyFactor, b: ArrayLike<number>, out?: Float64Array): Float64Array {
  const { n, L } = f;
  const x = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    // Four partial sums: the hot loop of every GP prediction, twice as fast unrolled.
    let s0 = b[i];
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 3 < i; k += 4) {
      s0 -= L[row + k] * x[k];
      s1 -= L[row + k + 1] * x[k + 1];
      s2 -= L[row + k + 2] * x[k + 2];
      s3 -= L[row + k + 3] * x[k + 3];
    }
    for (; k < i; k++) s0 -= L[row + k] * x[k];
    x[i] = (s0 + s1 + s2 + s3) / L[row + i];
  }
  return x;
}

/** Solves Lᵀ·x = b (back substitution); returns a new array. */
export function solveUpper(f: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  const { n, L } = f;
  const x = Float64Array.from(b as ArrayLike<number>);
  for (let i = n - 1; i >= 0; i--) {
    const xi = x[i] / L[i * n + i];
    x[i] = xi;
    // Column i of Lᵀ above the diagonal is row i of L: subtract from the unknowns before i.
    const row = i * n;
    for (let k = 0; k < i; k++) x[k] -= L[row + k] * xi;
  }
  return x;
}

/** Solves A·x = b given A's factor. */
export function choleskySolve(f: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  return solveUpper(f, solveLower(f, b));
}

/** A⁻¹ (full symmetric, row-major) from A's factor: L⁻¹ first, then L⁻ᵀ·L⁻¹. */
export function choleskyInverse(f: CholeskyFactor): Float64Array {
  const { n, L } = f;
  const Li = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    Li[j * n + j] = 1 / L[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let k = j; k < i; k++) s -= L[row + k] * Li[k * n + j];
      Li[row + j] = s / L[row + i];
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += Li[k * n + i] * Li[k * n + j];
      inv[i * n + j] = s;
      inv[j * n + i] = s;
    }
  }
  return inv;
}

/** log det A = 2·Σ log Lᵢᵢ. */
export function choleskyLogDet(f: CholeskyFactor): number {
  let s = 0;
  for (let i = 0; i < f.n; i++) s += Math.log(f.L[i * f.n + i]);
  return 2 * s;
}
