import type { Params, SearchSpace } from '@attune/core/search-space/parameter';

/** A problem with several objectives, all minimised, and a reference point that bounds them for the hypervolume. */
export interface MultiObjectiveProblem {
  readonly name: string;
  readonly space: SearchSpace;
  readonly evaluate: (params: Params) => number[];
  readonly reference: readonly number[];
}

/**
 * ZDT1 (Zitzler, Deb & Thiele 2000) in `dimensions` variables on [0, 1]: a
 * convex front f2 = 1 − √f1 where x2 … xn are 0. f1 ≤ 1 and f2 ≤ 10, so the
 * reference (1.1, 11) bounds every point.
 */
export function zdt1(dimensions = 6): MultiObjectiveProblem {
  const space: SearchSpace = Array.from({ length: dimensions }, (_, i) => ({ name: `x${i + 1}`, type: 'float', min: 0, max: 1 }));
  return {
    name: `ZDT1 ${dimensions}-D`,
    space,
    reference: [1.1, 11],
    evaluate: (p) => {
      const x = space.map((d) => p[d.name] as number);
      const f1 = x[0];
      const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / (dimensions - 1);
      return [f1, g * (1 - Math.sqrt(f1 / g))];
    },
  };
}
