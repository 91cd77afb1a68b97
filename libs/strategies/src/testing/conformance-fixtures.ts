import { Rng } from '@attune/core/random/rng';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { sampleUniform } from '../common/sample-uniform';

/** Every kind of parameter: plain, log and stepped floats; plain, log and stepped ints; categoricals. */
export const MIXED_SPACE: SearchSpace = [
  { name: 'x', type: 'float', min: -5, max: 5 },
  { name: 'lr', type: 'float', min: 1e-4, max: 1, log: true },
  { name: 'ratio', type: 'float', min: 0, max: 1, step: 0.1 },
  { name: 'threads', type: 'int', min: 1, max: 64, log: true },
  { name: 'batch', type: 'int', min: 0, max: 100, step: 5 },
  { name: 'offset', type: 'int', min: -3, max: 3 },
  { name: 'mode', type: 'categorical', values: ['a', 'b', 'c'] },
  { name: 'flag', type: 'categorical', values: [true, false] },
];

/** A smooth objective over MIXED_SPACE with its minimum inside the domain. */
export function mixedObjective(p: Params): number {
  const cat = p.mode === 'b' ? 0 : 1;
  return (
    ((p.x as number) - 1) ** 2 +
    Math.log10(p.lr as number) ** 2 / 4 +
    ((p.ratio as number) - 0.3) ** 2 +
    Math.log2(p.threads as number) / 6 +
    Math.abs((p.batch as number) - 40) / 20 +
    ((p.offset as number) - 1) ** 2 / 4 +
    cat +
    (p.flag ? 0 : 0.5)
  );
}

/** 10 × 10 × 3 = 300 configurations: enough for batches without forced repeats. */
export const DISCRETE_SPACE: SearchSpace = [
  { name: 'a', type: 'int', min: 0, max: 9 },
  { name: 'b', type: 'float', min: 0, max: 0.9, step: 0.1 },
  { name: 'c', type: 'categorical', values: ['x', 'y', 'z'] },
];

export function discreteObjective(p: Params): number {
  return ((p.a as number) - 6) ** 2 + ((p.b as number) * 10 - 3) ** 2 + (p.c === 'y' ? 0 : 4);
}

/** The easy quadratic: minimum 0 at (1.3, -0.7) in [-5, 5]². */
export const QUADRATIC_SPACE: SearchSpace = [
  { name: 'x', type: 'float', min: -5, max: 5 },
  { name: 'y', type: 'float', min: -5, max: 5 },
];

export function quadratic(p: Params): number {
  return ((p.x as number) - 1.3) ** 2 + ((p.y as number) + 0.7) ** 2;
}

/**
 * A hostile history: failed trials, losses of ±1e300, many equal losses, a
 * timed-out and a pending trial. Strategies must neither crash nor emit NaN.
 */
export function hostileHistory(space: SearchSpace, n: number): TrialView[] {
  const rng = Rng.derive(99, 1);
  return Array.from({ length: n }, (_, i): TrialView => {
    const params = sampleUniform(space, rng);
    switch (i % 6) {
      case 0:
        return { number: i, state: 'FAILED', params };
      case 1:
        return { number: i, state: 'COMPLETE', params, loss: 1e300 };
      case 2:
        return { number: i, state: 'COMPLETE', params, loss: -1e300 };
      case 3:
        return { number: i, state: i === n - 3 ? 'RUNNING' : 'TIMED_OUT', params };
      default:
        return { number: i, state: 'COMPLETE', params, loss: 7 };
    }
  });
}

/** The same loss for every trial: a flat objective. */
export function flatHistory(space: SearchSpace, n: number): TrialView[] {
  const rng = Rng.derive(98, 1);
  return Array.from({ length: n }, (_, i): TrialView => ({ number: i, state: 'COMPLETE', params: sampleUniform(space, rng), loss: 3 }));
}

/**
 * A history with PRUNED trials: stopped at a step with a NaN, huge or plain
 * loss there, or before reporting any; beside equal results, a failure and a
 * pending trial. Strategies must neither crash nor emit NaN.
 */
export function prunedHistory(space: SearchSpace, n: number): TrialView[] {
  const rng = Rng.derive(97, 1);
  const lastSteps = [{ step: 3, loss: Number.NaN }, { step: 8, loss: 1e300 }, { step: 8, loss: -1e300 }, undefined, { step: 2, loss: 7 }];
  return Array.from({ length: n }, (_, i): TrialView => {
    const params = sampleUniform(space, rng);
    if (i === n - 2) return { number: i, state: 'RUNNING', params };
    if (i % 4 === 3) return { number: i, state: i % 8 === 3 ? 'FAILED' : 'COMPLETE', params, loss: 7 - (i % 3) };
    const lastStep = lastSteps[i % lastSteps.length];
    return { number: i, state: 'PRUNED', params, ...(lastStep && { lastStep }) };
  });
}
