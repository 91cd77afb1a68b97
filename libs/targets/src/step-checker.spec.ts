import { MAX_METRICS } from '@attune/core/trial/metric-limits';
import { describe, expect, it } from 'vitest';
import { StepChecker } from './step-checker';

const at = new Date('2026-12-04T12:00:00.000Z');

describe('StepChecker', () => {
  it('takes a bare number as the objective metric and an object as named metrics, with the time reported', () => {
    const checker = new StepChecker('loss');
    expect(checker.check(0, 0.9, at)).toEqual({ ok: true, step: { step: 0, metrics: { loss: 0.9 }, at: at.toISOString() } });
    expect(checker.check(3, { loss: 0.5, latency_ms: 41.2 }, at)).toEqual({ ok: true, step: { step: 3, metrics: { loss: 0.5, latency_ms: 41.2 }, at: at.toISOString() } });
  });

  it('refuses a step that is not a whole number from 0 to MAX_STEP, saying what it got', () => {
    const checker = new StepChecker('value');
    for (const [step, shown] of [[-1, '-1'], [1.5, '1.5'], ['3', '"3"'], [Number.NaN, 'NaN'], [undefined, 'undefined'], [2e9, '2000000000']] as const) {
      expect(checker.check(step, 1)).toEqual({ ok: false, problem: `the step must be a whole number from 0 to 1000000000, got ${shown}` });
    }
  });

  it('refuses a step that does not rise above the last accepted one; a refused report does not count as the last', () => {
    const checker = new StepChecker('value');
    expect(checker.check(5, 1).ok).toBe(true);
    expect(checker.check(5, 1)).toEqual({ ok: false, problem: 'step 5 is not above the previous step 5 (steps must strictly rise)' });
    expect(checker.check(2, 1)).toEqual({ ok: false, problem: 'step 2 is not above the previous step 5 (steps must strictly rise)' });
    expect(checker.check(9, 'x').ok).toBe(false);
    expect(checker.check(6, 1).ok).toBe(true);
  });

  it('refuses the whole report when a metric is not a finite number or its name is unusable', () => {
    const checker = new StepChecker('loss');
    expect(checker.check(1, Number.POSITIVE_INFINITY)).toEqual({ ok: false, problem: 'step 1: "loss" is not a finite number: Infinity' });
    expect(checker.check(1, { loss: 1, note: 'fast' })).toEqual({ ok: false, problem: 'step 1: "note" is not a number: "fast"' });
    expect(checker.check(1, { loss: Number.NaN })).toEqual({ ok: false, problem: 'step 1: "loss" is not a finite number: NaN' });
    expect(checker.check(1, JSON.parse('{"__proto__": 1}'))).toEqual({ ok: false, problem: 'step 1: "__proto__" has a reserved name' });
    expect(checker.check(1, {})).toEqual({ ok: false, problem: 'step 1: no metrics' });
    expect(checker.check(1, [1])).toEqual({ ok: false, problem: 'step 1: the metrics must be a number (the objective "loss") or an object of numbers, got [1]' });
    expect(checker.check(1, 'fast')).toEqual({ ok: false, problem: 'step 1: the metrics must be a number (the objective "loss") or an object of numbers, got "fast"' });
    const many = Object.fromEntries(Array.from({ length: MAX_METRICS + 1 }, (_, i) => [`m${i}`, i]));
    expect(checker.check(1, many)).toEqual({ ok: false, problem: `step 1: ${MAX_METRICS + 1} metrics, more than ${MAX_METRICS}` });
    expect(checker.check(1, { loss: 1 }).ok).toBe(true);
  });
});
