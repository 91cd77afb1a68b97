import type { GpModel } from '../gp/gp-model';
import type { AcquisitionFunction } from './acquisition';
import { logProbabilityOfFeasibility, logProbabilityOfFeasibilityWithGradient, type ConstraintModel } from './probability-of-feasibility';

/**
 * An acquisition weighted by the modelled probability of feasibility, in log
 * space: log α(x) + Σ_c log P(c(x) ≤ 0), one independent GP per constraint
 * (Gardner et al. 2014; Optuna's constrained GPSampler adds the same terms).
 * Without `improvement` (no feasible trial yet) it is the probability of
 * feasibility alone: find the feasible region first.
 */
export class FeasibilityWeightedAcquisition implements AcquisitionFunction {
  private readonly dMean: Float64Array;
  private readonly dVar: Float64Array;
  private readonly partial: Float64Array;

  constructor(
    readonly model: GpModel,
    private readonly improvement: AcquisitionFunction | undefined,
    private readonly constraints: readonly ConstraintModel[],
  ) {
    const d = model.inputs.d;
    this.dMean = new Float64Array(d);
    this.dVar = new Float64Array(d);
    this.partial = new Float64Array(d);
  }

  value(x: ArrayLike<number>): number {
    let v = this.improvement ? this.improvement.value(x) : 0;
    for (const c of this.constraints) {
      const { mean, variance } = c.model.predict(x);
      v += logProbabilityOfFeasibility(mean, variance, c.threshold);
    }
    return v;
  }

  valueWithGradient(x: ArrayLike<number>, grad: Float64Array): number {
    let v = 0;
    grad.fill(0);
    if (this.improvement) {
      v = this.improvement.valueWithGradient(x, this.partial);
      grad.set(this.partial);
    }
    for (const c of this.constraints) v += logProbabilityOfFeasibilityWithGradient(c, x, grad, this.dMean, this.dVar);
    return v;
  }
}
