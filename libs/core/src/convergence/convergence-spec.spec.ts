import { describe, expect, it } from 'vitest';
import { parseStudySpec } from '../spec/parse-study-spec';
import { issuesOf as issuesOfParse } from '../spec/testing/issues-of';

const valid = {
  name: 'tune',
  target: 'branin',
  parameters: [{ name: 'x', type: 'float', min: 0, max: 1, default: 0.5 }],
  objective: { direction: 'minimize' },
  strategy: { name: 'random' },
  budget: { maxTrials: 50 },
};
const pareto = {
  ...valid,
  objective: undefined,
  objectives: [
    { metric: 'p99', direction: 'minimize' },
    { metric: 'rps', direction: 'maximize' },
  ],
};

const issuesOf = (spec: unknown) => issuesOfParse(parseStudySpec, spec);

describe('convergence in a study spec', () => {
  it('is optional: a spec without it parses to what it was', () => {
    expect(parseStudySpec(valid)).not.toHaveProperty('convergence');
  });

  it('applies defaults inside: minTrials 10, and Optuna\'s settings for regretBound: true', () => {
    expect(parseStudySpec({ ...valid, convergence: { patience: 20 } }).convergence).toEqual({ patience: 20, minTrials: 10 });
    expect(parseStudySpec({ ...valid, convergence: { regretBound: true } }).convergence).toEqual({ regretBound: { minTrials: 20, topTrialsRatio: 0.5 }, minTrials: 10 });
    expect(parseStudySpec({ ...valid, convergence: { regretBound: { topTrialsRatio: 0.3 } } }).convergence?.regretBound).toEqual({ minTrials: 20, topTrialsRatio: 0.3 });
  });

  it('takes every rule together', () => {
    const convergence = {
      maxDurationSec: 3600,
      targetImprovement: 0.2,
      patience: 20,
      minDelta: 0.01,
      improvementVariance: { window: 10, threshold: 1e-4 },
      regretBound: { minTrials: 30, topTrialsRatio: 0.5 },
      minTrials: 5,
    };
    expect(parseStudySpec({ ...valid, baseline: true, convergence }).convergence).toEqual(convergence);
  });

  it('refuses every bad field at once, each by its path', () => {
    expect(issuesOf({ ...valid, convergence: { maxDurationSec: 0, patience: 1.5, minDelta: -1, improvementVariance: { window: 1, threshold: 0 }, regretBound: { topTrialsRatio: 2 }, stop: true } })).toEqual([
      { path: 'convergence.maxDurationSec', message: 'must be above 0, got 0' },
      { path: 'convergence.patience', message: 'must be an integer from 1 to 100000, got number 1.5' },
      { path: 'convergence.minDelta', message: 'must be 0 or more, got -1' },
      { path: 'convergence.improvementVariance.window', message: 'must be an integer from 2 to 100000, got 1' },
      { path: 'convergence.improvementVariance.threshold', message: 'must be above 0, got 0' },
      { path: 'convergence.regretBound.topTrialsRatio', message: 'must be at most 1, got 2' },
      { path: 'convergence.stop', message: 'is not a known field' },
    ]);
    expect(issuesOf({ ...valid, convergence: { regretBound: 'yes' } })).toEqual([{ path: 'convergence.regretBound', message: "must be true (Optuna's settings) or {minTrials?, topTrialsRatio?}" }]);
  });

  it('needs at least one rule', () => {
    expect(issuesOf({ ...valid, convergence: { minTrials: 5 } })).toEqual([
      { path: 'convergence', message: expect.stringMatching(/^must give at least one rule: maxDurationSec, targetImprovement, patience, improvementVariance, regretBound/) },
    ]);
  });

  it('refuses a target improvement without a baseline, and minDelta without patience', () => {
    expect(issuesOf({ ...valid, convergence: { targetImprovement: 0.2, minDelta: 0.1, maxDurationSec: 60 } })).toEqual([
      { path: 'convergence.minDelta', message: expect.stringContaining('needs patience') },
      { path: 'convergence.targetImprovement', message: expect.stringMatching(/^needs a baseline: .*baseline: true/) },
    ]);
    expect(parseStudySpec({ ...valid, baseline: { params: { x: 0.1 } }, convergence: { targetImprovement: 0.2 } }).convergence?.targetImprovement).toBe(0.2);
  });

  it('reports its rules in the same pass as the other fields\' problems', () => {
    const issues = issuesOf({ ...valid, budget: { maxTrials: 0 }, convergence: { targetImprovement: 0.2 } });
    expect(issues.map((i) => i.path)).toEqual(['budget.maxTrials', 'convergence.targetImprovement']);
  });

  it('takes patience and a wall-clock budget for a Pareto study, and refuses the rules that need one best loss', () => {
    expect(parseStudySpec({ ...pareto, convergence: { patience: 10, maxDurationSec: 60 } }).convergence).toEqual({ patience: 10, maxDurationSec: 60, minTrials: 10 });
    const issues = issuesOf({ ...pareto, baseline: true, convergence: { patience: 10, minDelta: 0.1, targetImprovement: 0.1, improvementVariance: { window: 5, threshold: 1 }, regretBound: true } });
    expect(issues.map((i) => i.path)).toEqual(['convergence.minDelta', 'convergence.targetImprovement', 'convergence.improvementVariance', 'convergence.regretBound']);
    expect(issues.every((i) => i.message.startsWith('cannot be used with objectives'))).toBe(true);
  });
});
