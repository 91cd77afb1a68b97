import { describe, expect, it } from 'vitest';
import { budgetOverLimits, concurrentStudiesRefusal } from './project-limits';

describe('budgetOverLimits', () => {
  it('names each field above its limit, and nothing within or without limits', () => {
    expect(budgetOverLimits('p', { parallelism: 8, maxTrials: 500 }, { maxParallelism: 4, maxTrialsPerStudy: 100 })).toEqual([
      { path: 'budget.parallelism', message: 'must be at most 4, the limit of project p (limits.maxParallelism)' },
      { path: 'budget.maxTrials', message: 'must be at most 100, the limit of project p (limits.maxTrialsPerStudy)' },
    ]);
    expect(budgetOverLimits('p', { parallelism: 4, maxTrials: 100 }, { maxParallelism: 4, maxTrialsPerStudy: 100 })).toEqual([]);
    expect(budgetOverLimits('p', { parallelism: 4000, maxTrials: 1e6 }, {})).toEqual([]);
  });
});

describe('concurrentStudiesRefusal', () => {
  it('refuses at the limit, not below it', () => {
    expect(concurrentStudiesRefusal('p', 1, { maxConcurrentStudies: 2 })).toBeUndefined();
    expect(concurrentStudiesRefusal('p', 2, { maxConcurrentStudies: 2 })).toBe(
      'project p allows 2 RUNNING studies at once (limits.maxConcurrentStudies) and has 2: stop one or wait for one to end',
    );
    expect(concurrentStudiesRefusal('p', 10_000, {})).toBeUndefined();
  });
});
