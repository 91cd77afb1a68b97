import { describe, expect, it } from 'vitest';
import { brushedLines, brushedTrials, brushFromUnits, brushUnits, keyedBrush, parallelModel } from './parallel-model';
import { categoricalScale, numericScale } from './shared/scale';
import { minimizeLatency, study, trial, type StudyParameter } from './testing/fixtures';

const parameters: StudyParameter[] = [
  { name: 'x', type: 'float', min: 0, max: 10 },
  { name: 'lr', type: 'float', min: 0.001, max: 1, log: true },
  { name: 'mode', type: 'categorical', values: ['a', 'b'] },
];
const s = { ...minimizeLatency(), parameters };
const trials = [
  trial(0, { params: { x: 0, lr: 0.001, mode: 'a' }, value: 30 }),
  trial(1, { params: { x: 5, lr: 0.1, mode: 'b' }, value: 10 }),
  trial(2, { state: 'FAILED', params: { x: 1, lr: 0.01, mode: 'a' } }),
  trial(3, { params: { x: 10, lr: 1, mode: 'c' }, value: 20 }),
  trial(4, { params: { lr: 0.01, mode: 'a' } }),
];

describe('parallelModel', () => {
  const m = parallelModel(s, trials);

  it('has an axis per parameter, then one per objective', () => {
    expect(m.axes.map((a) => [a.key, a.label, a.scale.kind])).toEqual([
      ['parameter:x', 'x', 'linear'],
      ['parameter:lr', 'lr', 'log'],
      ['parameter:mode', 'mode', 'categorical'],
      ['objective:latency', 'latency (min)', 'linear'],
    ]);
  });

  it('draws a line per completed trial, with unit positions on every axis (NaN where a value is missing)', () => {
    expect(Array.from(m.lines)).toEqual([0, 1, 3, 4]);
    const row = (l: number) => Array.from(m.units.subarray(l * 4, l * 4 + 4));
    expect(row(0).slice(0, 3)).toEqual([0, 0, 1 / 6]);
    expect(row(1)[1]).toBeCloseTo(2 / 3, 12);
    expect(row(1)[2]).toBe(0.5);
    expect(row(2)[2]).toBeCloseTo(5 / 6, 12);
    expect(row(3)[0]).toBeNaN();
    expect(row(3)[3]).toBeNaN();
  });

  it('colours the lines by the objective, best (lowest) 1, without a colour for a trial without a value', () => {
    expect(Array.from(m.colours).slice(0, 3)).toEqual([0, 1, 0.5]);
    expect(m.colours[3]).toBeNaN();
  });

  it('adds the terms of a composite after its score, and one axis per Pareto objective', () => {
    const composite = study({ kind: 'composite', objectives: [{ metric: 'latency', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] });
    expect(parallelModel(composite, []).axes.map((a) => a.label)).toEqual(['score (min)', 'latency (min)', 'rps (max)']);
    const pareto = study({ kind: 'pareto', objectives: [{ metric: 'latency', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] });
    const pm = parallelModel(pareto, [trial(0, { params: { x: 1 }, metrics: { latency: 5, rps: 10 } })]);
    expect(pm.axes.map((a) => a.label)).toEqual(['x', 'latency (min)', 'rps (max)']);
    expect(pm.colourBy.metric).toBe('latency');
  });

  it('has no lines without completed trials', () => {
    expect(parallelModel(s, [trial(0, { state: 'RUNNING' })]).lines.length).toBe(0);
  });
});

describe('brushes', () => {
  const m = parallelModel(s, trials);

  it('select nothing when none is set', () => {
    expect(brushedLines(m, new Map())).toBeUndefined();
    expect(brushedTrials(m, new Map(), trials)).toBeUndefined();
  });

  it('keep numeric ranges in values, and select the lines inside', () => {
    const brush = brushFromUnits(m.axes[0].scale, 0.6, 0.4);
    expect(brush).toEqual({ low: 4, high: 6 });
    expect(brushedTrials(m, new Map([['parameter:x', brush]]), trials)).toEqual(new Set([1]));
  });

  it('select on a log axis by ratio', () => {
    const brush = { low: 0.05, high: 2 };
    expect(brushedTrials(m, new Map([['parameter:lr', brush]]), trials)).toEqual(new Set([1, 3]));
  });

  it('select the categories whose centres they cover', () => {
    expect(brushedTrials(m, new Map([['parameter:mode', { low: 0, high: 0.2 }]]), trials)).toEqual(new Set([0, 4]));
    expect(brushedTrials(m, new Map([['parameter:mode', { low: 0.4, high: 0.9 }]]), trials)).toEqual(new Set([1, 3]));
  });

  it('AND together, leaving out lines without a value on a brushed axis', () => {
    const brushes = new Map([
      ['parameter:lr', { low: 0.005, high: 2 }],
      ['objective:latency', { low: 15, high: 100 }],
    ]);
    expect(brushedTrials(m, brushes, trials)).toEqual(new Set([3]));
  });

  it('ignore a brush on an axis the model no longer has', () => {
    expect(brushedLines(m, new Map([['parameter:gone', { low: 0, high: 1 }]]))).toBeUndefined();
  });

  it('round-trip between values and unit positions', () => {
    const scale = numericScale(1, 100, true);
    const [a, b] = brushUnits(brushFromUnits(scale, 0.25, 0.75), scale);
    expect(a).toBeCloseTo(0.25, 12);
    expect(b).toBeCloseTo(0.75, 12);
    expect(brushFromUnits(scale, -0.5, 1.5)).toEqual({ low: 1, high: 100 });
  });
});

describe('keyedBrush', () => {
  const scale = numericScale(0, 100);
  const near = (brush: { low: number; high: number } | undefined) => brush && { low: Number(brush.low.toFixed(9)), high: Number(brush.high.toFixed(9)) };

  it('sets a brush over the middle fifth on the first key', () => {
    expect(keyedBrush(undefined, scale, 'up')).toEqual({ low: 40, high: 60 });
  });

  it('moves it without leaving the axis, widens and narrows it, and clears it', () => {
    const brush = { low: 40, high: 60 };
    expect(near(keyedBrush(brush, scale, 'up'))).toEqual({ low: 45, high: 65 });
    expect(near(keyedBrush({ low: 80, high: 98 }, scale, 'up'))).toEqual({ low: 82, high: 100 });
    expect(near(keyedBrush({ low: 2, high: 20 }, scale, 'down'))).toEqual({ low: 0, high: 18 });
    expect(near(keyedBrush(brush, scale, 'grow'))).toEqual({ low: 37.5, high: 62.5 });
    expect(near(keyedBrush(brush, scale, 'shrink'))).toEqual({ low: 42.5, high: 57.5 });
    expect(near(keyedBrush({ low: 40, high: 45 }, scale, 'shrink'))).toEqual({ low: 40, high: 45 });
    expect(keyedBrush(brush, scale, 'clear')).toBeUndefined();
  });

  it('steps by whole categories on a categorical axis, starting at the middle one', () => {
    const modes = categoricalScale(['a', 'b', 'c', 'd']);
    const first = keyedBrush(undefined, modes, 'down');
    expect(first).toEqual({ low: 0.25, high: 0.5 });
    expect(near(keyedBrush(first, modes, 'up'))).toEqual({ low: 0.5, high: 0.75 });
    expect(near(keyedBrush(first, modes, 'grow'))).toEqual({ low: 0, high: 0.5 });
    expect(near(keyedBrush({ low: 0, high: 0.25 }, modes, 'grow'))).toEqual({ low: 0, high: 0.5 });
    expect(near(keyedBrush({ low: 0, high: 0.5 }, modes, 'shrink'))).toEqual({ low: 0.25, high: 0.5 });
    expect(near(keyedBrush(first, modes, 'shrink'))).toEqual({ low: 0.25, high: 0.5 });
  });

  it('selects the category it is on', () => {
    const m = parallelModel(s, trials);
    const brush = keyedBrush(undefined, m.axes[2].scale, 'up');
    expect(brushedTrials(m, new Map([['parameter:mode', brush!]]), trials)).toEqual(new Set([1]));
  });
});
