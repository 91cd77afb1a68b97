import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/attune-error';
import { parseStudySpec } from '../spec/parse-study-spec';

const base = {
  name: 'prune',
  target: 't',
  parameters: [{ name: 'a', type: 'float', min: 0, max: 1 }],
  objective: { metric: 'loss', direction: 'minimize' },
  strategy: { name: 'random' },
  budget: { maxTrials: 10 },
};

function issuesOf(spec: unknown): { path: string; message: string }[] {
  try {
    parseStudySpec(spec);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map(({ path, message }) => ({ path, message }));
    throw e;
  }
  return [];
}

describe('the spec\'s pruner', () => {
  it('is optional, and fills each pruner\'s defaults', () => {
    expect(parseStudySpec(base).pruner).toBeUndefined();
    expect(parseStudySpec({ ...base, pruner: { name: 'median' } }).pruner).toEqual({ name: 'median', options: { startupTrials: 5, warmupSteps: 0, intervalSteps: 1, minTrials: 1 } });
    expect(parseStudySpec({ ...base, pruner: { name: 'successive-halving' } }).pruner).toEqual({
      name: 'successive-halving',
      options: { minResource: 1, reductionFactor: 4, minEarlyStoppingRate: 0, bootstrapCount: 0 },
    });
    expect(parseStudySpec({ ...base, pruner: { name: 'wilcoxon', options: { pThreshold: 0.05 } } }).pruner).toEqual({ name: 'wilcoxon', options: { pThreshold: 0.05, startupSteps: 2 } });
    expect(parseStudySpec({ ...base, pruner: { name: 'hyperband', options: { maxResource: 81 } } }).pruner?.options).toEqual({ minResource: 1, maxResource: 81, reductionFactor: 3, bootstrapCount: 0 });
  });

  it('names the field and the problem of bad options', () => {
    expect(issuesOf({ ...base, pruner: { name: 'asha' } })).toEqual([{ path: 'pruner.name', message: 'must be one of median, percentile, successive-halving, hyperband, wilcoxon' }]);
    expect(issuesOf({ ...base, pruner: { name: 'percentile' } })).toEqual([{ path: 'pruner.options', message: 'is required' }]);
    expect(issuesOf({ ...base, pruner: { name: 'percentile', options: {} } })).toEqual([{ path: 'pruner.options.percentile', message: 'is required' }]);
    expect(issuesOf({ ...base, pruner: { name: 'percentile', options: { percentile: 120 } } })).toEqual([{ path: 'pruner.options.percentile', message: 'must be at most 100, got 120' }]);
    expect(issuesOf({ ...base, pruner: { name: 'median', options: { warmupSteps: -1, patience: 3 } } })).toEqual([
      { path: 'pruner.options.warmupSteps', message: 'must be an integer from 0 to 1000000000, got -1' },
      { path: 'pruner.options.patience', message: 'is not a known field' },
    ]);
    expect(issuesOf({ ...base, pruner: { name: 'hyperband' } })).toEqual([{ path: 'pruner.options', message: 'is required' }]);
    expect(issuesOf({ ...base, pruner: { name: 'successive-halving', options: { reductionFactor: 1 } } })).toEqual([{ path: 'pruner.options.reductionFactor', message: 'must be an integer from 2 to 100, got 1' }]);
    expect(issuesOf({ ...base, pruner: 'median' })).toEqual([{ path: 'pruner', message: 'must be an object, got string "median"' }]);
  });

  it('is refused for several objectives and for a composite score, which have no one metric to compare at a step', () => {
    const pareto = { ...base, objective: undefined, objectives: [{ metric: 'a', direction: 'minimize' }, { metric: 'b', direction: 'maximize' }], pruner: { name: 'median' } };
    expect(issuesOf(pareto)).toEqual([expect.objectContaining({ path: 'pruner', message: expect.stringContaining('several objectives') })]);
    const composite = { ...base, objective: { composite: [{ metric: 'a', direction: 'minimize', weight: 1 }, { metric: 'b', direction: 'maximize', weight: 1 }] }, baseline: { params: { a: 0.5 } }, pruner: { name: 'median' } };
    expect(issuesOf(composite)).toEqual([expect.objectContaining({ path: 'pruner', message: expect.stringContaining('composite') })]);
  });
});
