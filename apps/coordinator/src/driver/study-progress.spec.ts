import { parseStudySpec } from '@attune/core/spec/parse-study-spec';
import type { TrialCounts } from '@attune/persistence/records/trial.record';
import { describe, expect, it } from 'vitest';
import { exhaustedEnd, nextStep } from './study-progress';

const spec = (budget: Record<string, number>) =>
  parseStudySpec({
    name: 's',
    target: 't',
    parameters: [{ name: 'x', type: 'float', min: 0, max: 1 }],
    objective: { direction: 'minimize' },
    strategy: { name: 'random' },
    budget,
  });

function counts(c: Partial<TrialCounts>): TrialCounts {
  const base = { queued: 0, running: 0, complete: 0, failed: 0, pruned: 0, timedOut: 0, cancelled: 0, ...c };
  const total = base.queued + base.running + base.complete + base.failed + base.pruned + base.timedOut + base.cancelled;
  return { ...base, total };
}

describe('nextStep', () => {
  it('fills the parallelism, never beyond the budget', () => {
    expect(nextStep(spec({ maxTrials: 10, parallelism: 4 }), counts({}))).toEqual({ propose: 4 });
    expect(nextStep(spec({ maxTrials: 10, parallelism: 4 }), counts({ running: 3, complete: 2 }))).toEqual({ propose: 1 });
    expect(nextStep(spec({ maxTrials: 10, parallelism: 4 }), counts({ queued: 1, complete: 8 }))).toEqual({ propose: 1 });
    expect(nextStep(spec({ maxTrials: 10, parallelism: 4 }), counts({ running: 2, complete: 8 }))).toEqual({ propose: 0 });
  });

  it('refills a wide study in batches of a tenth of its parallelism, or what is left of the budget', () => {
    const wide = spec({ maxTrials: 1000, parallelism: 100 });
    expect(nextStep(wide, counts({ running: 91, complete: 9 }))).toEqual({ propose: 0 });
    expect(nextStep(wide, counts({ running: 90, complete: 10 }))).toEqual({ propose: 10 });
    expect(nextStep(wide, counts({}))).toEqual({ propose: 100 });
    expect(nextStep(wide, counts({ running: 95, complete: 902 }))).toEqual({ propose: 3 });
  });

  it('completes at maxTrials finished trials, failures included', () => {
    expect(nextStep(spec({ maxTrials: 5, parallelism: 2 }), counts({ complete: 3, failed: 2 }))).toEqual({
      end: { state: 'COMPLETE', reason: 'maxTrials reached (5)' },
    });
  });

  it('fails once failures exceed maxFailedTrials, or when nothing completed', () => {
    expect(nextStep(spec({ maxTrials: 10, maxFailedTrials: 2 }), counts({ failed: 2, timedOut: 1 }))).toEqual({
      end: { state: 'FAILED', reason: '3 trials failed (maxFailedTrials 2)' },
    });
    expect(nextStep(spec({ maxTrials: 2 }), counts({ failed: 2 }))).toEqual({ end: { state: 'FAILED', reason: 'no trial completed: all 2 trials failed' } });
  });

  it('says "1 trial", not "1 trials"', () => {
    expect(nextStep(spec({ maxTrials: 10, maxFailedTrials: 0 }), counts({ failed: 1 }))).toEqual({ end: { state: 'FAILED', reason: '1 trial failed (maxFailedTrials 0)' } });
    expect(nextStep(spec({ maxTrials: 1 }), counts({ failed: 1 }))).toEqual({ end: { state: 'FAILED', reason: 'no trial completed: the only trial failed' } });
    expect(exhaustedEnd(counts({ complete: 1 })).reason).toBe('search space exhausted after 1 trial');
  });

  it('ends an exhausted search as COMPLETE when something completed', () => {
    expect(exhaustedEnd(counts({ complete: 4 }))).toEqual({ state: 'COMPLETE', reason: 'search space exhausted after 4 trials' });
    expect(exhaustedEnd(counts({ failed: 4 })).state).toBe('FAILED');
  });
});
