import { describe, expect, it } from 'vitest';
import { cancelTrialChannel, decodeCancelTrial, encodeCancelTrial } from './cancel-trial.message';

const message = { target: 'branin', trialIds: ['00000000-0000-4000-8000-000000000002'], reason: 'study stopped: stopped by user' };

describe('cancel-trial messages', () => {
  it('live on a channel under the queue prefix and round-trip', () => {
    expect(cancelTrialChannel('{attune}')).toBe('{attune}:cancel-trial');
    expect(decodeCancelTrial(encodeCancelTrial(message))).toEqual({ ok: true, message });
  });

  it('name what is wrong with a message that breaks the contract', () => {
    expect(decodeCancelTrial('{nope')).toMatchObject({ ok: false, problems: expect.stringMatching(/^not JSON/) });
    const bad = decodeCancelTrial(JSON.stringify({ ...message, trialIds: ['x'], extra: 1 }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toMatch(/trialIds\[0\]: .*; .*extra/);
    expect(() => encodeCancelTrial({ ...message, trialIds: [] })).toThrow();
  });
});
