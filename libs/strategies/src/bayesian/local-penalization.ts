import type { GpModel } from '../gp/gp-model';
import { scaledSquaredDistance } from '../gp/matern52.kernel';
import { stdNormalLogCdf, stdNormalLogPdf } from '../numerics/normal';
import { Acquisition, type AcquisitionKind } from './acquisition';

/** A point under evaluation (pending trial or batch mate) and its exclusion ball. */
interface Penalty {
  readonly x: Float64Array;
  /** Ball radius (M − μ)/L in length-scale units, at least 0. */
  readonly radius: number;
  /** σ/L: how soft the ball's edge is. */
  readonly softness: number;
}

/** Lipschitz estimates below this (a flat mean) are replaced by it, so balls stay finite. */
const MIN_LIPSCHITZ = 1e-7;

/**
 * Local penalisation (González et al. 2016, "Batch Bayesian optimization via
 * local penalization"), for minimisation: the acquisition is multiplied by
 * φ_j(x) = Φ((L·‖x − x_j‖ − (μ(x_j) − M)) / σ(x_j)) for each point x_j under
 * evaluation, where M is the best target seen and L an estimate of the mean's
 * Lipschitz constant: x_j could only improve on M within a ball of radius
 * (μ(x_j) − M)/L, blurred by σ(x_j)/L. Distances are in length-scale units
 * (the kernel's own metric, Hamming on categoricals) and L the largest mean
 * gradient in those units. Works in log space: log α(x) + Σ log φ_j(x). The
 * model is never refitted or conditioned on fantasies.
 */
export class PenalizedAcquisition extends Acquisition {
  private readonly penalties: Penalty[] = [];
  private readonly lipschitz: number;

  constructor(model: GpModel, kind: AcquisitionKind, best: number, beta: number, lipschitz: number) {
    super(model, kind, best, beta);
    this.lipschitz = Math.max(lipschitz, MIN_LIPSCHITZ);
  }

  /** Penalises the acquisition around x (a pending trial or an earlier proposal of the batch). */
  addPending(x: Float64Array): void {
    const { mean, variance } = this.model.predict(x);
    const L = this.lipschitz;
    this.penalties.push({ x, radius: Math.max(0, mean - this.best) / L, softness: Math.sqrt(variance + 1e-12) / L });
  }

  override value(x: ArrayLike<number>): number {
    let v = super.value(x);
    for (const p of this.penalties) v += stdNormalLogCdf(this.standardized(p, Math.sqrt(this.distance2(x, p.x))));
    return v;
  }

  override valueWithGradient(x: ArrayLike<number>, grad: Float64Array): number {
    let v = super.valueWithGradient(x, grad);
    const { rho } = this;
    const cat = this.model.inputs.categorical;
    for (const p of this.penalties) {
      const dist = Math.sqrt(this.distance2(x, p.x));
      const u = this.standardized(p, dist);
      const logCdf = stdNormalLogCdf(u);
      v += logCdf;
      if (dist === 0) continue;
      // d log Φ(u)/dx = (φ(u)/Φ(u)) · (1/softness) · ∂dist/∂x, with ∂dist/∂x_l = ρ_l (x_l − x_jl)/dist.
      const c = Math.exp(stdNormalLogPdf(u) - logCdf) / (p.softness * dist);
      for (let l = 0; l < grad.length; l++) if (!cat[l]) grad[l] += c * rho[l] * (x[l] - p.x[l]);
    }
    return v;
  }

  private get rho(): Float64Array {
    return this.model.hyper.inverseSquaredLengthScales as Float64Array;
  }

  private distance2(x: ArrayLike<number>, y: Float64Array): number {
    return scaledSquaredDistance(x, 0, y, 0, this.rho, this.model.inputs.categorical);
  }

  private standardized(p: Penalty, dist: number): number {
    return (dist - p.radius) / p.softness;
  }
}

/**
 * The largest norm of the posterior mean's gradient, in length-scale units,
 * over the given points (candidates and training inputs): the L of local
 * penalisation.
 */
export function estimateLipschitz(model: GpModel, points: readonly Float64Array[]): number {
  const { d, categorical } = model.inputs;
  const rho = model.hyper.inverseSquaredLengthScales;
  const dMean = new Float64Array(d);
  const dVar = new Float64Array(d);
  let best = 0;
  for (const x of points) {
    model.predictWithGradient(x, dMean, dVar);
    let s = 0;
    for (let l = 0; l < d; l++) if (!categorical[l]) s += (dMean[l] * dMean[l]) / rho[l];
    best = Math.max(best, Math.sqrt(s));
  }
  return best;
}
