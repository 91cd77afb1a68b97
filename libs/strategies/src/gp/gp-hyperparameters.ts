/** Hyperparameters of the Matérn 5/2 ARD GP on standardised outputs. */
export interface GpHyperparameters {
  /** ρₗ = 1/ℓₗ², one per input dimension. */
  readonly inverseSquaredLengthScales: Float64Array;
  /** Kernel variance s (k(x, x) = s). */
  readonly signalVariance: number;
  /** Observation noise variance, always ≥ the minimum noise. */
  readonly noiseVariance: number;
}

/** The smallest noise variance ever used: keeps the kernel matrix well conditioned on deterministic objectives. */
export const MINIMUM_NOISE = 1e-6;

/**
 * Unconstrained parameter vector θ = [log ρ₁..log ρ_d, log s, log(noise - 0.99·min)] (Optuna's
 * parametrisation; the offset keeps the log finite at the minimum noise).
 */
export function toRaw(h: GpHyperparameters): Float64Array {
  const d = h.inverseSquaredLengthScales.length;
  const raw = new Float64Array(d + 2);
  for (let l = 0; l < d; l++) raw[l] = Math.log(h.inverseSquaredLengthScales[l]);
  raw[d] = Math.log(h.signalVariance);
  raw[d + 1] = Math.log(Math.max(h.noiseVariance - 0.99 * MINIMUM_NOISE, 1e-300));
  return raw;
}

export function fromRaw(raw: ArrayLike<number>): GpHyperparameters {
  const d = raw.length - 2;
  const rho = new Float64Array(d);
  for (let l = 0; l < d; l++) rho[l] = Math.exp(raw[l]);
  return { inverseSquaredLengthScales: rho, signalVariance: Math.exp(raw[d]), noiseVariance: 0.99 * MINIMUM_NOISE + Math.exp(raw[d + 1]) };
}

/** Optuna's default starting point: every ρ = 1, s = 1, noise = 1. */
export function defaultHyperparameters(d: number): GpHyperparameters {
  return { inverseSquaredLengthScales: new Float64Array(d).fill(1), signalVariance: 1, noiseVariance: 1 };
}

/** Box for θ, so that a wild restart cannot run off to a degenerate fit. */
export function rawBounds(d: number): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(d + 2);
  const upper = new Float64Array(d + 2);
  for (let l = 0; l < d; l++) {
    lower[l] = Math.log(1e-3);
    upper[l] = Math.log(1e4);
  }
  lower[d] = Math.log(1e-2);
  upper[d] = Math.log(1e2);
  lower[d + 1] = Math.log(0.01 * MINIMUM_NOISE);
  upper[d + 1] = Math.log(2);
  return { lower, upper };
}

/**
 * Weak priors (Optuna's defaults) and their gradient with respect to θ, added to the
 * log marginal likelihood: -(0.1/ρ + 0.1ρ) per length scale, Gamma(2, 1) on s,
 * Gamma(1.1, 30) on the noise. Writes dlogprior/dθ into `grad` (adds to it).
 */
export function logPriorWithGradient(raw: ArrayLike<number>, grad: Float64Array): number {
  const d = raw.length - 2;
  let lp = 0;
  for (let l = 0; l < d; l++) {
    const rho = Math.exp(raw[l]);
    lp += -(0.1 / rho + 0.1 * rho);
    grad[l] += 0.1 / rho - 0.1 * rho;
  }
  const s = Math.exp(raw[d]);
  lp += Math.log(s) - s;
  grad[d] += 1 - s;
  const e = Math.exp(raw[d + 1]);
  const noise = 0.99 * MINIMUM_NOISE + e;
  lp += 0.1 * Math.log(noise) - 30 * noise;
  grad[d + 1] += (0.1 / noise - 30) * e;
  return lp;
}
