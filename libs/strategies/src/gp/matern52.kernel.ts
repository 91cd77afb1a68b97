const SQRT5 = Math.sqrt(5);

/** Matérn 5/2 correlation as a function of the scaled squared distance r²: (1 + √5r + 5r²/3)·e^(-√5r). */
export function matern52(r2: number): number {
  const r = Math.sqrt(5 * r2);
  return (1 + r + (5 / 3) * r2) * Math.exp(-r);
}

/** d matern52 / d(r²) = -5/6·(1 + √5r)·e^(-√5r), finite at r = 0 (where autodiff would divide by zero). */
export function matern52DerivR2(r2: number): number {
  const r = SQRT5 * Math.sqrt(r2);
  return (-5 / 6) * (1 + r) * Math.exp(-r);
}

/** Inputs of a GP: n points of dimension d in one row-major array, and which dimensions are categorical. */
export interface GpInputs {
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  /** 1 for a categorical dimension (value = category index, Hamming distance), 0 otherwise. */
  readonly categorical: Uint8Array;
  /**
   * Known noise variance of each point (length n, in the targets' scale), added
   * to the kernel diagonal on top of the fitted noise: a point measured with
   * spread is trusted less. Absent: every point has only the fitted noise.
   */
  readonly pointNoise?: Float64Array;
}

/**
 * Scaled squared distance Σₗ ρₗ·δₗ(a, b)² with δ the difference on numeric
 * dimensions and [a ≠ b] on categorical ones (Optuna's Hamming term), ρ the
 * inverse squared length scales (ARD).
 */
export function scaledSquaredDistance(
  a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, rho: ArrayLike<number>, categorical: Uint8Array,
): number {
  let s = 0;
  for (let l = 0; l < rho.length; l++) {
    const diff = a[aOff + l] - b[bOff + l];
    s += categorical[l] ? (diff !== 0 ? rho[l] : 0) : rho[l] * diff * diff;
  }
  return s;
}

/** n×n matrix of scaled squared distances between the training points (symmetric, zero diagonal). */
export function distanceMatrix(inputs: GpInputs, rho: ArrayLike<number>): Float64Array {
  const { X, n, d, categorical } = inputs;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = scaledSquaredDistance(X, i * d, X, j * d, rho, categorical);
      D[i * n + j] = v;
      D[j * n + i] = v;
    }
  }
  return D;
}

/** Kernel vector k(x, Xᵢ) = s·matern52(r²(x, Xᵢ)) between one point and every training point. */
export function crossKernel(inputs: GpInputs, x: ArrayLike<number>, rho: ArrayLike<number>, signal: number, out?: Float64Array): Float64Array {
  const { X, n, d, categorical } = inputs;
  const k = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) k[i] = signal * matern52(scaledSquaredDistance(x, 0, X, i * d, rho, categorical));
  return k;
}
