import type { TrialCurve } from '@attune/core/api/responses';
import { describe, expect, it } from 'vitest';
import { CURVE_COLOURS, CURVE_KINDS, curveKind, intermediateModel, stopSteps } from './intermediate-model';
import { maximizeRps, minimizeLatency, trial } from './testing/fixtures';

const curve = (number: number, state: TrialCurve['state'], values: number[], steps = values.map((_, i) => i + 1)): TrialCurve => ({ number, state, steps, values });

describe('curveKind and CURVE_COLOURS', () => {
  it('draws COMPLETE curves in the point colour, PRUNED in the pruned one, RUNNING in the running one, failures in the failed one', () => {
    const states = ['COMPLETE', 'PRUNED', 'RUNNING', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'QUEUED'] as const;
    expect(states.map((s) => CURVE_COLOURS[curveKind(s)])).toEqual(['point', 'pruned', 'running', 'failed', 'failed', 'faded', 'faded']);
  });

  it('draws running curves last, on top of the finished ones', () => {
    expect(CURVE_KINDS.at(-1)).toBe('running');
    expect(new Set(CURVE_KINDS).size).toBe(Object.keys(CURVE_COLOURS).length);
  });
});

describe('intermediateModel', () => {
  const curves = [
    curve(17, 'COMPLETE', [0.9, 0.6, 0.41]),
    curve(3, 'PRUNED', [2, 1.5], [1, 2]),
    curve(5, 'COMPLETE', [1, 0.8, 0.5]),
    curve(20, 'RUNNING', [3], [1]),
    curve(9, 'FAILED', [4, 3.5]),
  ];

  it('lays every curve out flat in trial order, each point with its line, and reads the ranges', () => {
    const m = intermediateModel(minimizeLatency(), curves);
    expect(m.metric).toBe('latency');
    expect(m.lines.map((l) => [l.number, l.kind, l.start, l.end])).toEqual([
      [3, 'pruned', 0, 2],
      [5, 'complete', 2, 5],
      [9, 'failed', 5, 7],
      [17, 'complete', 7, 10],
      [20, 'running', 10, 11],
    ]);
    expect(m.lines.map((l) => curves[l.index].number)).toEqual([3, 5, 9, 17, 20]);
    expect(Array.from(m.steps)).toEqual([1, 2, 1, 2, 3, 1, 2, 1, 2, 3, 1]);
    expect(Array.from(m.values)).toEqual([2, 1.5, 1, 0.8, 0.5, 4, 3.5, 0.9, 0.6, 0.41, 3]);
    expect(Array.from(m.lineOf)).toEqual([0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4]);
    expect(m.xRange).toEqual([1, 3]);
    expect(m.yRange).toEqual([0.41, 4]);
    expect(m.canLog).toBe(true);
    expect(m.counts).toEqual({ complete: 2, pruned: 1, running: 1, failed: 1, other: 0 });
  });

  it('takes the best final value of the COMPLETE curves only, by the direction, and says it all in a sentence', () => {
    const m = intermediateModel(minimizeLatency(), [...curves, curve(30, 'PRUNED', [0.01])]);
    expect(m.best).toEqual({ number: 17, value: 0.41 });
    expect(m.summary).toBe('Intermediate values of latency over 6 trials: 2 pruned, 1 running, 1 failed, best final 0.41 at trial 17.');
    const rps = intermediateModel(maximizeRps(), curves);
    expect(rps.best).toEqual({ number: 5, value: 0.5 });
  });

  it('leaves out non-finite values and curves without a point, and keeps steps and values paired when their lengths differ', () => {
    const m = intermediateModel(minimizeLatency(), [curve(1, 'COMPLETE', [5, Number.NaN, 3]), curve(2, 'PRUNED', []), { number: 4, state: 'PRUNED', steps: [1, 2, 3], values: [7, 6] }]);
    expect(m.lines.map((l) => [l.number, l.end - l.start])).toEqual([
      [1, 2],
      [4, 2],
    ]);
    expect(Array.from(m.steps)).toEqual([1, 3, 1, 2]);
    expect(m.summary).toBe('Intermediate values of latency over 2 trials: 1 pruned, best final 3 at trial 1.');
  });

  it("ends a pruned curve at the step its trial was stopped at, leaving out the reports that came after", () => {
    const stops = stopSteps([trial(3, { state: 'PRUNED', lastStep: 2 }), trial(5, { state: 'COMPLETE', lastStep: 3 }), trial(7, { state: 'PRUNED' })]);
    expect([...stops]).toEqual([[3, 2]]);
    const m = intermediateModel(minimizeLatency(), [curve(3, 'PRUNED', [5, 4, 3.9, 3.8]), curve(5, 'COMPLETE', [2, 1, 0.5])], stops);
    expect(m.lines.map((l) => [l.number, l.end - l.start])).toEqual([
      [3, 2],
      [5, 3],
    ]);
    expect(m.yRange).toEqual([0.5, 5]);
    // Without its trial's lastStep, a pruned curve ends where its points do.
    expect(intermediateModel(minimizeLatency(), [curve(3, 'PRUNED', [5, 4, 3.9])]).lines[0].end).toBe(3);
  });

  it('has no range, no log scale and no best without points, and refuses log for a value at or below 0', () => {
    const empty = intermediateModel(minimizeLatency(), []);
    expect(empty.lines).toEqual([]);
    expect(empty.yRange).toBeUndefined();
    expect(empty.xRange).toEqual([0, 1]);
    expect(empty.canLog).toBe(false);
    expect(empty.best).toBeUndefined();
    expect(empty.summary).toBe('Intermediate values of latency over 0 trials: 0 pruned.');
    expect(intermediateModel(minimizeLatency(), [curve(1, 'COMPLETE', [1, 0])]).canLog).toBe(false);
    expect(intermediateModel(minimizeLatency(), [curve(1, 'RUNNING', [2], [0])]).xRange).toEqual([0, 1]);
  });
});
