import type { GpModel } from '../gp/gp-model';
import { logH, logHDerivative } from '../numerics/log-ei';

/** Which acquisition function ranks candidates (larger is better). */
export type AcquisitionKind = 'logei' | 'ucb';

/**
 * What the acquisition search maximises: a score of x (larger is better) and
 * its gradient (zero on categorical dimensions), on a GP whose length scales
 * set the units of the local search.
 */
export interface AcquisitionFunction {
  readonly model: GpModel;
  value(x: ArrayLike<number>): number;
  /** Value at x; writes the gradient into `grad`. */
  valueWithGradient(x: ArrayLike<number>, grad: Float64Array): number;
}

/** Floor on the predictive variance, so log-EI stays finite on top of a training point. */
const STABILISING_VARIANCE = 1e-12;

/**
 * An acquisition function on a fitted GP for minimisation: log expected
 * improvement below `best`, or the lower confidence bound turned into a score
 * (-(mean - √β·σ)). Both come with their gradient in x for local refinement.
 */
export class Acquisition implements AcquisitionFunction {
  private readonly dMean: Float64Array;
  private readonly dVar: Float64Array;

  constructor(
    readonly model: GpModel,
    readonly kind: AcquisitionKind,
    readonly best: number,
    readonly beta: number,
  ) {
    this.dMean = new Float64Array(model.inputs.d);
    this.dVar = new Float64Array(model.inputs.d);
  }

  value(x: ArrayLike<number>): number {
    const { mean, variance } = this.model.predict(x);
    return this.score(mean, variance);
  }

  /** Value at x; writes the gradient (zero on categorical dimensions) into `grad`. */
  valueWithGradient(x: ArrayLike<number>, grad: Float64Array): number {
    const { mean, variance } = this.model.predictWithGradient(x, this.dMean, this.dVar);
    if (this.kind === 'ucb') {
      const sd = Math.sqrt(variance + STABILISING_VARIANCE);
      const c = Math.sqrt(this.beta) / (2 * sd);
      for (let l = 0; l < grad.length; l++) grad[l] = -this.dMean[l] + c * this.dVar[l];
      return this.score(mean, variance);
    }
    const v = variance + STABILISING_VARIANCE;
    const sigma = Math.sqrt(v);
    const z = (this.best - mean) / sigma;
    const dh = logHDerivative(z);
    for (let l = 0; l < grad.length; l++) {
      const dSigmaOverSigma = this.dVar[l] / (2 * v);
      grad[l] = dSigmaOverSigma + dh * (-this.dMean[l] / sigma - z * dSigmaOverSigma);
    }
    return Math.log(sigma) + logH(z);
  }

  private score(mean: number, variance: number): number {
    if (this.kind === 'ucb') return -(mean - Math.sqrt(this.beta * (variance + STABILISING_VARIANCE)));
    const sigma = Math.sqrt(variance + STABILISING_VARIANCE);
    return Math.log(sigma) + logH((this.best - mean) / sigma);
  }
}
