import { Rng } from '@attune/core/random/rng';
import { SOBOL_MAX_DIM, SobolSequence } from '../numerics/sobol';

/** Settings of {@link sobolIndices}. */
export interface SobolIndicesOptions {
  /**
   * Base sample size N: rows of the two matrices A and B. The function is
   * evaluated N·(d + 2) times. A power of 2 keeps the Sobol points a balanced net.
   * @default 1024
   */
  readonly samples?: number;
  /** Seed of the sequence's scramble (of the Rng when 2d exceeds the tabulated Sobol dimensions). @default 0 */
  readonly seed?: number;
}

/** Variance-based sensitivity of a function of the unit cube, one entry per input. */
export interface SobolIndices {
  /** S_i = Var(E[f | x_i]) / Var(f): the share of the variance x_i explains alone. */
  readonly firstOrder: number[];
  /** ST_i = E[Var(f | x_−i)] / Var(f): the share lost if x_i were fixed, its interactions included. */
  readonly total: number[];
  /** Var(f) over the cube (estimated from A and B). */
  readonly variance: number;
  /** How many times f was called. */
  readonly evaluations: number;
}

const SEED_PURPOSE = 0x5a17;

/**
 * First-order and total Sobol indices of f over the unit cube [0, 1)^d (inputs
 * independent and uniform), by Saltelli sampling: two N×d matrices A and B
 * from one 2d-dimensional scrambled Sobol sequence, and for each i the matrix
 * AB_i (A with its column i from B). Estimators from Saltelli et al. 2010
 * ("Variance based sensitivity analysis of model output", Table 2): the
 * first-order numerator (1/N) Σ f(B)(f(AB_i) − f(A)) (Saltelli 2010), the
 * total one (1/2N) Σ (f(A) − f(AB_i))² (Jansen 1999). Raw estimates: they can
 * stray slightly outside [0, 1] by sampling error. Deterministic given the seed.
 */
export function sobolIndices(f: (u: Float64Array) => number, d: number, options: SobolIndicesOptions = {}): SobolIndices {
  const { samples, seed } = resolveOptions(d, options);
  const { A, B } = saltelliBase(d, samples, seed);
  const fA = A.map(f);
  const fB = B.map(f);
  const { mean, variance } = pooledMoments(fA, fB);
  const firstOrder: number[] = [];
  const total: number[] = [];
  const row = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let first = 0;
    let tot = 0;
    for (let j = 0; j < samples; j++) {
      row.set(A[j]);
      row[i] = B[j][i];
      const fAB = f(row);
      // Centred on the mean: f(B)·(f(AB) − f(A)) has expectation free of the mean but a variance that grows with it.
      first += (fB[j] - mean) * (fAB - fA[j]);
      tot += (fA[j] - fAB) ** 2;
    }
    firstOrder.push(variance > 0 ? first / samples / variance : 0);
    total.push(variance > 0 ? tot / (2 * samples) / variance : 0);
  }
  return { firstOrder, total, variance, evaluations: samples * (d + 2) };
}

function resolveOptions(d: number, options: SobolIndicesOptions): Required<SobolIndicesOptions> {
  const samples = options.samples ?? 1024;
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`sobolIndices: d must be a positive integer, got ${d}`);
  if (!Number.isInteger(samples) || samples < 2) throw new RangeError(`sobolIndices: samples must be an integer of at least 2, got ${samples}`);
  return { samples, seed: options.seed ?? 0 };
}

/** A and B: the first d and the last d coordinates of N points of a 2d-dimensional sequence, so that they are independent. */
function saltelliBase(d: number, samples: number, seed: number): { A: Float64Array[]; B: Float64Array[] } {
  const rng = Rng.derive(seed, d, SEED_PURPOSE);
  const next = 2 * d <= SOBOL_MAX_DIM ? sobolPoints(2 * d, rng) : () => Float64Array.from({ length: 2 * d }, () => rng.float());
  const A: Float64Array[] = [];
  const B: Float64Array[] = [];
  for (let j = 0; j < samples; j++) {
    const point = next();
    A.push(point.subarray(0, d));
    B.push(point.subarray(d));
  }
  return { A, B };
}

function sobolPoints(dim: number, rng: Rng): () => Float64Array {
  const sequence = new SobolSequence(dim, rng);
  return () => sequence.next();
}

function pooledMoments(fA: readonly number[], fB: readonly number[]): { mean: number; variance: number } {
  const all = [...fA, ...fB];
  const mean = all.reduce((s, v) => s + v, 0) / all.length;
  const variance = all.reduce((s, v) => s + (v - mean) ** 2, 0) / (all.length - 1);
  return { mean, variance };
}
