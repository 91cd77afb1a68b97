import { describe, expect, it } from 'vitest';
import { exitCodeOf, studyOutcome } from './exit-codes';

const counts = (complete: number, failed: number) => ({ complete, failed, timedOut: 0, pruned: 0 });

describe('exitCodeOf', () => {
  it('is 2 for a FAILED study and whenever trials ran and none completed, in process or not', () => {
    expect(exitCodeOf(studyOutcome({ state: 'FAILED', trials: counts(3, 1) }))).toBe(2);
    expect(exitCodeOf(studyOutcome({ state: 'COMPLETE', trials: counts(0, 4) }))).toBe(2);
    expect(exitCodeOf({ ran: 4, completed: 0 })).toBe(2);
  });

  it('is 0 when a trial completed, and for a STOPPED study whatever ran', () => {
    expect(exitCodeOf(studyOutcome({ state: 'COMPLETE', trials: counts(1, 4) }))).toBe(0);
    expect(exitCodeOf({ ran: 4, completed: 1 })).toBe(0);
    expect(exitCodeOf(studyOutcome({ state: 'STOPPED', trials: counts(0, 2) }))).toBe(0);
  });
});
