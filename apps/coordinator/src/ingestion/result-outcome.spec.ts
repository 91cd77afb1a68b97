import { describe, expect, it } from 'vitest';
import { normalizeObjectives } from '@attune/core/objective/normalize-objectives';
import { toTrialOutcome, type ScoringContext } from './result-outcome';

/** A study optimising one metric, as today's specs do. */
const single = (metric: string): ScoringContext => ({ objectives: normalizeObjectives({ objective: { metric, direction: 'minimize' } }) });

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
  it('takes the value of the study metric from a COMPLETE result, and keeps it as its one measurement', () => {
    expect(toTrialOutcome(result, single('latency'))).toEqual({
      state: 'COMPLETE',
      value: 12.5,
      metrics: result.metrics,
      score: { spread: { latency: { sd: 0, count: 1 }, throughput: { sd: 0, count: 1 } }, noise: { sd: 0, count: 1 } },
      measurements: [{ repeat: 0, warmup: false, metrics: result.metrics, durationMs: 2000, startedAt: new Date(result.startedAt) }],
      workerId: 'w1',
      startedAt: new Date(result.startedAt),
      endedAt: new Date(result.finishedAt),
    });
  });

  it('scores repeated measurements: warm-ups dropped, the median taken, constraints checked, improvement over the baseline', () => {
    const objectives = normalizeObjectives({
      objective: { metric: 'latency', direction: 'minimize' },
      constraints: [{ metric: 'mem', max: 100 }],
      baseline: { params: {} },
      measurement: { repeats: 3, warmup: 1, aggregate: 'median' },
    });
    const at = '2026-01-01T00:00:00.000Z';
    const measurements = [
      { repeat: 0, warmup: true, metrics: { latency: 99, mem: 500 }, durationMs: 5, startedAt: at },
      { repeat: 1, warmup: false, metrics: { latency: 12, mem: 90 }, durationMs: 5, startedAt: at },
      { repeat: 2, warmup: false, metrics: { latency: 10, mem: 120 }, durationMs: 5, startedAt: at },
      { repeat: 3, warmup: false, metrics: { latency: 11, mem: 110 }, durationMs: 5, startedAt: at },
    ];
    const outcome = toTrialOutcome({ ...result, metrics: measurements[3].metrics, measurements }, { objectives, baseline: { latency: 20, mem: 80 } });
    // latency median 11, mem median 110 > 100: infeasible by (110 - 100) / 100 = 0.1; latency improved by (20 - 11) / 20 = 45%.
    expect(outcome).toMatchObject({ state: 'COMPLETE', value: 11, metrics: { latency: 11, mem: 110 }, feasible: false, violation: expect.closeTo(0.1, 12) });
    expect(outcome.score?.improvement?.score).toBeCloseTo(0.45, 12);
    expect(outcome.measurements).toHaveLength(4);
  });

  it('scores the baseline against itself: a composite score of 0', () => {
    const objectives = normalizeObjectives({
      objective: { composite: [{ metric: 'latency', direction: 'minimize', weight: 1 }, { metric: 'throughput', direction: 'maximize', weight: 1 }] },
      baseline: true,
    });
    expect(toTrialOutcome(result, { objectives, isBaseline: true })).toMatchObject({ state: 'COMPLETE', value: 0 });
    expect(toTrialOutcome({ ...result, metrics: { latency: 10, throughput: 1000 } }, { objectives, baseline: result.metrics })).toMatchObject({
      state: 'COMPLETE',
      // ((10 - 12.5) / 12.5 - (1000 - 900) / 900) / 2 = (-0.2 - 0.1111) / 2
      value: expect.closeTo((-0.2 - 100 / 900) / 2, 12),
    });
    expect(toTrialOutcome(result, { objectives })).toMatchObject({ state: 'FAILED', error: expect.stringContaining("relative to the baseline's measurement") });
  });

  it('fails a COMPLETE result without the metric, naming what was reported', () => {
    expect(toTrialOutcome(result, single('value'))).toMatchObject({
      state: 'FAILED',
      error: 'the objective metric "value" is missing from the reported metrics (got: "latency", "throughput")',
    });
    expect(toTrialOutcome({ ...result, metrics: { value: Number.NaN } }, single('value'))).toMatchObject({ state: 'FAILED', error: expect.stringContaining('not a finite number: NaN') });
  });

  it('keeps the worker\'s note of dropped metrics, and reads only the metrics reported', () => {
    const note = 'dropped from the metrics: "extra" is not a number: "x"';
    expect(toTrialOutcome({ ...result, note }, single('latency'))).toMatchObject({ state: 'COMPLETE', value: 12.5, note });
    expect(toTrialOutcome(result, single('toString'))).toMatchObject({ state: 'FAILED', error: expect.stringContaining('the objective metric "toString" is missing') });
  });

  it('keeps FAILED and TIMED_OUT with their reason', () => {
    expect(toTrialOutcome({ ...result, outcome: 'TIMED_OUT', metrics: undefined, error: 'killed after 5 s' }, single('latency'))).toMatchObject({
      state: 'TIMED_OUT',
      error: 'killed after 5 s',
    });
  });
});
