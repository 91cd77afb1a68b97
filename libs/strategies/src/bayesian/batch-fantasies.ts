import { GpModel } from '../gp/gp-model';

/** How pending trials and batch mates are imagined to have turned out. */
export type BatchStrategy = 'kriging-believer' | 'kriging-believer-ucb' | 'constant-liar' | 'local-penalization';

/**
 * Fantasy targets for points still under evaluation: the GP's own mean
 * (kriging believer: the model "believes" itself, so only the variance there
 * collapses), or the worst target seen (constant liar: pushes proposals away).
 */
export function fantasyTargets(model: GpModel, y: Float64Array, xs: readonly Float64Array[], kind: BatchStrategy): number[] {
  if (kind === 'constant-liar') {
    const worst = Math.max(...y);
    return xs.map(() => worst);
  }
  return xs.map((x) => model.predict(x).mean);
}

/** The same GP (same hyperparameters) with extra points at fantasy targets: pending trials and batch mates. */
export function withFantasies(base: GpModel, xs: readonly Float64Array[], ys: readonly number[]): GpModel {
  if (xs.length === 0) return base;
  const { n, d, categorical, pointNoise } = base.inputs;
  const X = new Float64Array((n + xs.length) * d);
  X.set(base.inputs.X);
  xs.forEach((x, i) => X.set(x, (n + i) * d));
  const y = new Float64Array(n + xs.length);
  y.set(base.y);
  y.set(ys, n);
  const inputs = { X, n: n + xs.length, d, categorical };
  if (!pointNoise) return new GpModel(inputs, y, base.hyper);
  // A fantasy is the model's own belief: no measurement spread of its own.
  const noise = new Float64Array(n + xs.length);
  noise.set(pointNoise);
  return new GpModel({ ...inputs, pointNoise: noise }, y, base.hyper);
}
