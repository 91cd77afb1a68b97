import { describe, expect, it } from 'vitest';
import { toTrialOutcome } from './result-outcome';

const result = {
  studyId: '00000000-0000-4000-8000-000000000001',
  trialId: '00000000-0000-4000-8000-000000000002',
  outcome: 'COMPLETE' as const,
  metrics: { latency: 12.5, throughput: 900 },
  workerId: 'w1',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:02.000Z',
};

describe('toTrialOutcome', () => {
  it('takes the value of the study metric from a COMPLETE result', () => {
    expect(toTrialOutcome(result, 'latency')).toEqual({
      state: 'COMPLETE',
      value: 12.5,
      metrics: result.metrics,
      workerId: 'w1',
      startedAt: new Date(result.startedAt),
      endedAt: new Date(result.finishedAt),
    });
  });

  it('fails a COMPLETE result without the metric, naming what was reported', () => {
    expect(toTrialOutcome(result, 'value')).toMatchObject({
      state: 'FAILED',
      error: 'the objective metric "value" is missing from the reported metrics (got: "latency", "throughput")',
    });
    expect(toTrialOutcome({ ...result, metrics: { value: Number.NaN } }, 'value')).toMatchObject({ state: 'FAILED', error: expect.stringContaining('not a finite number: NaN') });
  });

  it('keeps the worker\'s note of dropped metrics, and reads only the metrics reported', () => {
    const note = 'dropped from the metrics: "extra" is not a number: "x"';
    expect(toTrialOutcome({ ...result, note }, 'latency')).toMatchObject({ state: 'COMPLETE', value: 12.5, note });
    expect(toTrialOutcome(result, 'toString')).toMatchObject({ state: 'FAILED', error: expect.stringContaining('the objective metric "toString" is missing') });
  });

  it('keeps FAILED and TIMED_OUT with their reason', () => {
    expect(toTrialOutcome({ ...result, outcome: 'TIMED_OUT', metrics: undefined, error: 'killed after 5 s' }, 'latency')).toMatchObject({
      state: 'TIMED_OUT',
      error: 'killed after 5 s',
    });
  });
});
