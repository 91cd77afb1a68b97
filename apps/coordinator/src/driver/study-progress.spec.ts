import { parseStudySpec } from '@attune/core/spec/parse-study-spec';
import type { TrialCounts } from '@attune/persistence/records/trial.record';
import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { baselineStep, budgetCounts, exhaustedEnd, nextStep } from './study-progress';

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

  it('counts PRUNED trials toward maxTrials, never as failures', () => {
    const budget = spec({ maxTrials: 5, parallelism: 2, maxFailedTrials: 0 });
    expect(nextStep(budget, counts({ complete: 1, pruned: 3 }))).toEqual({ propose: 1 });
    expect(nextStep(budget, counts({ complete: 1, pruned: 4 }))).toEqual({ end: { state: 'COMPLETE', reason: 'maxTrials reached (5)' } });
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

describe('baselineStep', () => {
  const withBaseline = (extra: Record<string, unknown>) =>
    parseStudySpec({
      name: 's',
      target: 't',
      parameters: [
        { name: 'x', type: 'float', min: 0, max: 1, default: 0.25 },
        { name: 'mode', type: 'categorical', values: ['a', 'b'], default: 'b' },
      ],
      strategy: { name: 'random' },
      budget: { maxTrials: 10 },
      ...extra,
    });
  const trial = (t: Partial<TrialRecord>): TrialRecord => ({ id: 'i', studyId: 's', number: 0, state: 'COMPLETE', params: {}, createdAt: new Date(0), ...t });
  const single = withBaseline({ objective: { direction: 'minimize' }, baseline: { params: { x: 0.5 } } });
  const composite = withBaseline({ objective: { composite: [{ metric: 'a', direction: 'minimize' }, { metric: 'b', direction: 'maximize' }] }, baseline: true });

  it('measures the baseline first, its parameters given or their defaults', () => {
    expect(baselineStep(single, [])).toEqual({ kind: 'measure', params: { x: 0.5, mode: 'b' } });
    expect(baselineStep(composite, [])).toEqual({ kind: 'measure', params: { x: 0.25, mode: 'b' } });
    expect(baselineStep(spec({ maxTrials: 3 }), [])).toEqual({ kind: 'done' });
    // After a warm start's copies too.
    expect(baselineStep(single, [trial({ origin: 'warm-start' })])).toEqual({ kind: 'measure', params: { x: 0.5, mode: 'b' } });
  });

  it('waits for it, then lets the strategy propose', () => {
    expect(baselineStep(single, [trial({ origin: 'baseline', state: 'RUNNING' })])).toEqual({ kind: 'wait' });
    expect(baselineStep(single, [trial({ origin: 'baseline' })])).toEqual({ kind: 'done' });
    expect(baselineStep(single, [trial({ origin: 'baseline', state: 'FAILED', error: 'boom' })])).toEqual({ kind: 'done' });
  });

  it('fails a composite study whose baseline failed: nothing can be scored against it', () => {
    expect(baselineStep(composite, [trial({ origin: 'baseline', state: 'FAILED', error: 'exit code 1' })])).toEqual({
      kind: 'end',
      end: { state: 'FAILED', reason: 'the baseline (trial 0) was not measured, and a composite score is relative to it: exit code 1' },
    });
  });

  it('does not count warm-start trials against the budget', () => {
    expect(budgetCounts([trial({ origin: 'warm-start' }), trial({ origin: 'baseline' }), trial({ state: 'QUEUED' })])).toMatchObject({ total: 2, complete: 1, queued: 1 });
  });
});
