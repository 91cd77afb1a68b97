/**
 * The fixed learning rates and recombination weights of (mu/mu_w, lambda)-CMA-ES
 * with negative weights (Hansen, "The CMA Evolution Strategy: A Tutorial",
 * eq. 48-56; the values of CyberAgent's `cmaes` package).
 */
export interface CmaParameters {
  readonly dim: number;
  readonly popsize: number;
  /** Parents: the better half. */
  readonly mu: number;
  readonly muEff: number;
  /** One weight per rank, positive for the better half, negative (active CMA) for the rest. */
  readonly weights: readonly number[];
  readonly c1: number;
  readonly cmu: number;
  readonly cSigma: number;
  readonly dSigma: number;
  readonly cc: number;
  /** E‖N(0, I)‖. */
  readonly chiN: number;
}

/** Default population size 4 + floor(3 ln n). */
export function defaultPopsize(dim: number): number {
  return 4 + Math.floor(3 * Math.log(dim));
}

const sum = (v: readonly number[]) => v.reduce((s, x) => s + x, 0);
const effective = (v: readonly number[]) => sum(v) ** 2 / sum(v.map((x) => x * x));

export function cmaParameters(dim: number, popsize: number): CmaParameters {
  const mu = Math.floor(popsize / 2);
  const raw = Array.from({ length: popsize }, (_, i) => Math.log((popsize + 1) / 2) - Math.log(i + 1));
  const muEff = effective(raw.slice(0, mu));
  const muEffMinus = effective(raw.slice(mu));
  const c1 = 2 / ((dim + 1.3) ** 2 + muEff);
  const cmu = Math.min(1 - c1 - 1e-8, (2 * (muEff - 2 + 1 / muEff)) / ((dim + 2) ** 2 + muEff));
  const minAlpha = Math.min(1 + c1 / cmu, 1 + (2 * muEffMinus) / (muEff + 2), (1 - c1 - cmu) / (dim * cmu));
  const positive = sum(raw.filter((w) => w > 0));
  const negative = sum(raw.filter((w) => w < 0).map(Math.abs));
  const weights = raw.map((w) => (w >= 0 ? w / positive : (minAlpha / negative) * w));
  const cSigma = (muEff + 2) / (dim + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (dim + 1)) - 1) + cSigma;
  const cc = (4 + muEff / dim) / (dim + 4 + (2 * muEff) / dim);
  const chiN = Math.sqrt(dim) * (1 - 1 / (4 * dim) + 1 / (21 * dim * dim));
  return { dim, popsize, mu, muEff, weights, c1, cmu, cSigma, dSigma, cc, chiN };
}
