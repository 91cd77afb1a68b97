import { describe, expect, it } from 'vitest';
import { newBest } from './new-best';
import { STUDY_EVENT_KINDS, studyEventMessageSchema, studyEventSchema } from './study-event';
import { STUDY_EVENT_KIND_NAMES } from './study-event-kinds';

const trialId = '00000000-0000-4000-8000-000000000002';

describe('study events', () => {
  it('lists every kind and parses each by its kind', () => {
    expect(STUDY_EVENT_KINDS).toEqual(['study-created', 'trial-started', 'trial-finished', 'trial-pruned', 'new-best', 'converged', 'study-ended', 'verified', 'no-significant-improvement', 'verification-failed']);
    // The names the dashboard listens for, without zod, in the same order.
    expect(STUDY_EVENT_KIND_NAMES).toEqual(STUDY_EVENT_KINDS);
    const finished = { kind: 'trial-finished', trialId, number: 3, state: 'COMPLETE', value: 1.5, metrics: { value: 1.5 } };
    expect(studyEventSchema.parse(finished)).toEqual(finished);
    expect(studyEventSchema.safeParse({ ...finished, state: 'QUEUED' }).success).toBe(false);
    expect(studyEventSchema.safeParse({ kind: 'teleported' }).success).toBe(false);
    const pruned = { kind: 'trial-pruned', trialId, number: 4, step: 12, value: 0.8, reason: 'worse than the median' };
    expect(studyEventSchema.parse(pruned)).toEqual(pruned);
    expect(studyEventSchema.safeParse({ ...pruned, step: -1 }).success).toBe(false);
  });

  it('parses a message: the event with its study, sequence number and time', () => {
    const message = { studyId: trialId, seq: 4, at: '2026-12-03T00:00:00.000Z', kind: 'study-ended', state: 'STOPPED', reason: 'stopped by user' };
    expect(studyEventMessageSchema.parse(message)).toEqual(message);
    expect(studyEventMessageSchema.safeParse({ ...message, seq: 0 }).success).toBe(false);
  });
});

describe('newBest', () => {
  const t = (number: number, value: number) => ({ number, value });

  it('is the best completed trial when it beats the best so far, in the study direction', () => {
    expect(newBest([t(4, 3), t(5, 1), t(6, 2)], 2, 'minimize')).toEqual(t(5, 1));
    expect(newBest([t(4, 3), t(5, 1)], 2, 'maximize')).toEqual(t(4, 3));
    expect(newBest([t(0, 7)], undefined, 'minimize')).toEqual(t(0, 7));
  });

  it('is nothing when no trial beats it, an equal value included; ties in a batch go to the earlier trial', () => {
    expect(newBest([t(4, 3), t(5, 2)], 2, 'minimize')).toBeUndefined();
    expect(newBest([], 2, 'minimize')).toBeUndefined();
    expect(newBest([t(9, 1), t(8, 1)], 2, 'minimize')).toEqual(t(8, 1));
  });
});
