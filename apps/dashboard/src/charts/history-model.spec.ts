import { describe, expect, it } from 'vitest';
import { bestSoFar, historyModel, improvementToValue, verificationMarks } from './history-model';
import { comparison, maximizeRps, minimizeLatency, study, trial, verification } from './testing/fixtures';

describe('bestSoFar', () => {
  const points = [5, 7, 3, 3, 9, 1].map((value, i) => ({ index: i, number: i, value, feasible: i !== 5 }));

  it('steps down when minimising, at the trials that improved, skipping infeasible ones', () => {
    expect(bestSoFar(points, 'minimize')).toEqual([
      { number: 0, value: 5 },
      { number: 2, value: 3 },
    ]);
  });

  it('steps up when maximising', () => {
    expect(bestSoFar(points, 'maximize')).toEqual([
      { number: 0, value: 5 },
      { number: 1, value: 7 },
      { number: 4, value: 9 },
    ]);
  });

  it('is empty without feasible points', () => {
    expect(bestSoFar([], 'minimize')).toEqual([]);
    expect(bestSoFar([{ index: 0, number: 0, value: 1, feasible: false }], 'minimize')).toEqual([]);
  });
});

describe('improvementToValue', () => {
  it('converts back to the objective: b − imp·|b| minimising, b + imp·|b| maximising', () => {
    expect(improvementToValue(0.25, 40, 'minimize', false)).toBe(30);
    expect(improvementToValue(0.25, 40, 'maximize', false)).toBe(50);
    expect(improvementToValue(0.5, -10, 'minimize', false)).toBe(-15);
    expect(improvementToValue(0.5, -10, 'maximize', false)).toBe(-5);
  });

  it("reads a composite's improvement as minus its score", () => {
    expect(improvementToValue(0.1, 0, 'minimize', true)).toBe(-0.1);
  });

  it('sends unbounded improvements off the better or worse end', () => {
    expect(improvementToValue(Infinity, 40, 'minimize', false)).toBe(-Infinity);
    expect(improvementToValue(-Infinity, 40, 'minimize', false)).toBe(Infinity);
    expect(improvementToValue(Infinity, 40, 'maximize', false)).toBe(Infinity);
  });
});

describe('verificationMarks', () => {
  const latency = { metric: 'latency', direction: 'minimize' as const, fromValue: true };

  it('gives each candidate its estimate and ordered interval in the objective units', () => {
    const v = verification([{ trial: 4, comparison: comparison(0.2, 0.1, 0.3) }, { trial: 9, comparison: comparison(0.05, -0.05, null, false) }], 4);
    expect(verificationMarks(v, latency, 100, false)).toEqual([
      { trial: 4, estimate: 80, low: 70, high: 90, significant: true, winner: true },
      { trial: 9, estimate: 95, low: -Infinity, high: 105, significant: false, winner: false },
    ]);
  });

  it('reads a metric that is not the objective from the per-metric comparisons', () => {
    const v = verification([{ trial: 4, comparison: comparison(0.2, 0.1, 0.3), perMetric: { rps: comparison(0.1, 0, 0.2) } }]);
    const marks = verificationMarks(v, { metric: 'rps', direction: 'maximize', fromValue: false }, 1000, false);
    expect(marks.map((m) => [m.estimate, m.low, m.high])).toEqual([[1100, 1000, 1200]]);
  });

  it('skips a candidate whose improvement has no estimate (null: NaN in the JSON, a baseline centred on 0), keeping the others', () => {
    const v = verification([{ trial: 4, comparison: comparison(null, null, null, false) }, { trial: 9, comparison: comparison(0.2, 0.1, 0.3) }], 9);
    expect(verificationMarks(v, latency, 100, false)).toEqual([{ trial: 9, estimate: 80, low: 70, high: 90, significant: true, winner: true }]);
    const alone = verification([{ trial: 4, comparison: comparison(null, -0.1, 0.1, false) }]);
    expect(historyModel({ ...minimizeLatency(), baseline: { number: 0, state: 'COMPLETE', params: {}, value: 100 } }, [trial(0, { value: 100 })], alone).verification).toEqual([]);
  });

  it('has nothing to show without a report, a direction, or a baseline to anchor it (or one of 0)', () => {
    const v = verification([{ trial: 4, comparison: comparison(0.2, 0.1, 0.3) }]);
    expect(verificationMarks(undefined, latency, 100, false)).toEqual([]);
    expect(verificationMarks(v, { metric: 'mem', fromValue: false }, 100, false)).toEqual([]);
    expect(verificationMarks(v, latency, undefined, false)).toEqual([]);
    expect(verificationMarks(v, latency, 0, false)).toEqual([]);
  });

  it("converts a composite's score without its baseline (the score is relative already)", () => {
    const v = verification([{ trial: 4, comparison: comparison(0.2, 0.1, 0.3) }]);
    const marks = verificationMarks(v, { metric: 'score', direction: 'minimize', fromValue: true }, undefined, true);
    expect(marks.map((m) => [m.estimate, m.low, m.high])).toEqual([[-0.2, -0.3, -0.1]]);
  });
});

describe('historyModel', () => {
  const trials = [
    trial(3, { value: 12 }),
    trial(0, { value: 20, origin: 'baseline' }),
    trial(1, { value: 15, feasible: false, violation: 0.2 }),
    trial(2, { state: 'FAILED', error: 'boom' }),
    trial(4, { state: 'PRUNED' }),
    trial(5, { state: 'TIMED_OUT' }),
    trial(6, { state: 'RUNNING' }),
    trial(7, { state: 'QUEUED' }),
    trial(8, { value: Number.NaN }),
  ];
  const s = { ...minimizeLatency(), baseline: { number: 0, state: 'COMPLETE' as const, params: {}, value: 20 } };

  it('plots completed trials with a value in trial order, marks the others, and draws the best of the feasible ones', () => {
    const m = historyModel(s, trials);
    expect(m.points.map((p) => [p.number, p.value, p.feasible])).toEqual([
      [0, 20, true],
      [1, 15, false],
      [3, 12, true],
    ]);
    expect(m.points.map((p) => trials[p.index].number)).toEqual([0, 1, 3]);
    expect(m.marks.map((k) => [k.number, k.kind])).toEqual([
      [2, 'failed'],
      [4, 'pruned'],
      [5, 'failed'],
      [6, 'running'],
    ]);
    expect(m.best).toEqual([
      { number: 0, value: 20 },
      { number: 3, value: 12 },
    ]);
    expect(m.baseline).toBe(20);
    expect(m.xRange).toEqual([0, 8]);
    expect(m.yRange).toEqual([12, 20]);
    expect(m.canLog).toBe(true);
    expect(m.summary).toBe('History of latency (minimize) over 9 trials: 3 with a value, best 12 at trial 3, baseline 20, 1 infeasible, 2 failed, 1 pruned, 1 running.');
  });

  it('shows nothing, and no best, without trials', () => {
    const m = historyModel(minimizeLatency(), []);
    expect(m.points).toEqual([]);
    expect(m.best).toEqual([]);
    expect(m.yRange).toBeUndefined();
    expect(m.canLog).toBe(false);
    expect(m.xRange).toEqual([0, 1]);
  });

  it('handles one trial and all-equal values', () => {
    const m = historyModel(maximizeRps(), [trial(0, { value: 5 }), trial(1, { value: 5 })]);
    expect(m.best).toEqual([{ number: 0, value: 5 }]);
    expect(m.yRange).toEqual([5, 5]);
    expect(historyModel(maximizeRps(), [trial(4, { value: 5 })]).xRange).toEqual([4, 5]);
  });

  it('plots another metric from the metrics, without a best when it is no objective, and refuses log for values at or below 0', () => {
    // A string metric breaks the type on purpose: the dashboard does not parse responses, and a chart must not plot one.
    const garbled = { mem: 'x' } as unknown as Record<string, number>;
    const m = historyModel(minimizeLatency(), [trial(0, { value: 1, metrics: { mem: 0 } }), trial(1, { value: 2, metrics: garbled }), trial(2, { value: 3, metrics: { mem: 4 } })], undefined, 'mem');
    expect(m.points.map((p) => p.value)).toEqual([0, 4]);
    expect(m.best).toEqual([]);
    expect(m.canLog).toBe(false);
  });

  it("plots each objective of a Pareto study from its metrics, with that objective's direction", () => {
    const pareto = study({ kind: 'pareto', objectives: [{ metric: 'latency', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] });
    const m = historyModel(pareto, [trial(0, { metrics: { latency: 5, rps: 10 } }), trial(1, { metrics: { latency: 6, rps: 20 } })], undefined, 'rps');
    expect(m.best.map((b) => b.value)).toEqual([10, 20]);
    expect(historyModel(pareto, [trial(0, { metrics: { latency: 5 } })]).choice.metric).toBe('latency');
  });

  it('includes the verification estimates in the value range', () => {
    const v = verification([{ trial: 3, comparison: comparison(0.6, 0.5, 0.7) }]);
    const m = historyModel(s, trials, v);
    expect(m.verification).toEqual([{ trial: 3, estimate: 8, low: 6, high: 10, significant: true, winner: false }]);
    expect(m.yRange).toEqual([8, 20]);
  });
});
