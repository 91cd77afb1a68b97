import { parseStudySpec } from '@attune/core/spec/parse-study-spec';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';

/** A small valid spec for persistence tests. */
export function sampleSpec(overrides: Record<string, unknown> = {}): StudySpec {
  return parseStudySpec({
    name: 'sample',
    target: 'branin',
    parameters: [
      { name: 'x', type: 'float', min: -5, max: 10 },
      { name: 'mode', type: 'categorical', values: ['a', 'b'] },
    ],
    objective: { direction: 'minimize' },
    strategy: { name: 'random', seed: 1 },
    budget: { maxTrials: 10, parallelism: 2 },
    ...overrides,
  });
}
