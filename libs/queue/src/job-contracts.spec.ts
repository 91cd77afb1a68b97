import { describe, expect, it } from 'vitest';
import { JOB_CONTRACTS, jobToAdd, parseJob } from './job-contracts';

const evaluation = {
  studyId: '00000000-0000-4000-8000-000000000001',
  trialId: '00000000-0000-4000-8000-000000000002',
  trialNumber: 3,
  target: 'branin',
  params: { x: 1 },
  metric: 'value',
  timeoutSec: 60,
};

describe('job contracts', () => {
  it('gives each job its queue, its id (the trial id, so BullMQ deduplicates) and its kind options', () => {
    const job = jobToAdd('evaluate-trial', evaluation);
    expect(job).toEqual({ queue: 'eval.branin', name: 'evaluate-trial', data: evaluation, opts: { ...JOB_CONTRACTS['evaluate-trial'].options, jobId: evaluation.trialId } });
    const result = { studyId: evaluation.studyId, trialId: evaluation.trialId, outcome: 'COMPLETE' as const, metrics: { value: 1 }, workerId: 'w', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z' };
    expect(jobToAdd('trial-result', result)).toMatchObject({ queue: 'results', name: 'trial-result', opts: { jobId: evaluation.trialId, removeOnFail: false } });
  });

  it('refuses to add a payload that breaks its contract', () => {
    expect(() => jobToAdd('evaluate-trial', { ...evaluation, timeoutSec: -1 })).toThrow();
  });

  it('parses a received payload, naming each bad field', () => {
    expect(parseJob('evaluate-trial', evaluation)).toEqual({ ok: true, data: evaluation });
    const bad = parseJob('evaluate-trial', { ...evaluation, trialNumber: 'three', extra: 1 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toMatch(/trialNumber: .*; .*extra/);
  });
});
