/** What a bench study varies; everything else is fixed. */
export interface BenchStudy {
  readonly name: string;
  readonly target: string;
  readonly strategy: string;
  readonly dimensions: number;
  readonly maxTrials: number;
  readonly parallelism: number;
  readonly seed?: number;
}

/** A study spec (POST /studies) over `dimensions` floats in [-1, 1], minimising the target's value. */
export function studySpec(s: BenchStudy): Record<string, unknown> {
  return {
    name: s.name,
    target: s.target,
    parameters: Array.from({ length: s.dimensions }, (_, i) => ({ name: `x${i}`, type: 'float', min: -1, max: 1 })),
    objective: { direction: 'minimize' },
    strategy: { name: s.strategy, seed: s.seed ?? 0 },
    budget: { maxTrials: s.maxTrials, parallelism: s.parallelism, trialTimeoutSec: 120 },
  };
}
