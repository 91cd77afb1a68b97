import { describe, expect, it } from 'vitest';
import { study, trial } from '../testing/fixtures';
import { metricOf, objectiveChoice, studyMetricNames, studyObjectiveChoices, valueOf } from './objective';

const composite = study({
  kind: 'composite',
  objectives: [
    { metric: 'latency', direction: 'minimize', weight: 2 },
    { metric: 'rps', direction: 'maximize', weight: 1 },
  ],
  constraints: [{ metric: 'mem', max: 100 }],
});
const pareto = study({ kind: 'pareto', objectives: [{ metric: 'latency', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] });

describe('objective choices', () => {
  it("take a composite's score from the value, minimised", () => {
    expect(studyObjectiveChoices(composite)).toEqual([{ metric: 'score', direction: 'minimize', fromValue: true }]);
  });

  it('take each Pareto objective from the metrics, in order', () => {
    expect(studyObjectiveChoices(pareto).map((c) => [c.metric, c.direction, c.fromValue])).toEqual([
      ['latency', 'minimize', false],
      ['rps', 'maximize', false],
    ]);
  });

  it("fall back to the summary's headline without an objectives block", () => {
    // The type requires the block; a summary from a coordinator older than it has none, and the dashboard does not parse responses.
    const headlineOnly = { direction: 'maximize', metric: 'rps' } as Parameters<typeof studyObjectiveChoices>[0];
    expect(studyObjectiveChoices(headlineOnly)).toEqual([{ metric: 'rps', direction: 'maximize', fromValue: true }]);
  });

  it('list the objectives, the composite terms, then the constraints', () => {
    expect(studyMetricNames(composite)).toEqual(['score', 'latency', 'rps', 'mem']);
  });

  it("give a term its own direction and a constraint's metric none", () => {
    expect(objectiveChoice(composite, 'rps')).toEqual({ metric: 'rps', direction: 'maximize', fromValue: false });
    expect(objectiveChoice(composite, 'mem')).toEqual({ metric: 'mem', fromValue: false });
    expect(objectiveChoice(pareto, 'rps')).toEqual({ metric: 'rps', direction: 'maximize', fromValue: false });
    expect(objectiveChoice(pareto).metric).toBe('latency');
  });
});

describe('values', () => {
  it('read finite numbers only', () => {
    // A string and a null break the type on purpose: responses are not parsed, and neither is a number to plot.
    const t = trial(0, { value: 3, metrics: { a: 1, b: 'x', c: Number.NaN, d: null } as unknown as Record<string, number> });
    expect(metricOf(t, 'a')).toBe(1);
    for (const m of ['b', 'c', 'd', 'missing']) expect(metricOf(t, m)).toBeNaN();
    expect(valueOf(t, { metric: 'a', fromValue: true })).toBe(3);
    expect(valueOf(trial(1, { metrics: { a: 2 } }), { metric: 'a', fromValue: true })).toBe(2);
    expect(valueOf(trial(1), { metric: 'a', fromValue: true })).toBeNaN();
  });
});
