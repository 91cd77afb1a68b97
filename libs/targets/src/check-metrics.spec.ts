import { MAX_METRICS, MAX_NOTE_CHARS } from '@attune/core/trial/metric-limits';
import { describe, expect, it } from 'vitest';
import { checkMetrics } from './check-metrics';

describe('checkMetrics', () => {
  it('takes a number as the metric "value" and an object as named metrics', () => {
    expect(checkMetrics(1.5, 'value')).toEqual({ ok: true, metrics: { value: 1.5 } });
    expect(checkMetrics({ latency: 3, cost: 1 }, 'latency')).toEqual({ ok: true, metrics: { latency: 3, cost: 1 } });
  });

  it('says which metric is missing and quotes the output', () => {
    expect(checkMetrics(undefined, 'value', 'hello world')).toEqual({ ok: false, error: 'metric "value" is missing from the output: hello world' });
    expect(checkMetrics({ cost: 1 }, 'latency')).toEqual({ ok: false, error: 'metric "latency" is missing from the output: {"cost":1}' });
    expect(checkMetrics(undefined, 'value', '  ')).toEqual({ ok: false, error: 'metric "value" is missing from the output: (empty)' });
  });

  it('fails on a non-numeric or non-finite objective and on output that is not a number or an object', () => {
    expect(checkMetrics(Number.NaN, 'value')).toEqual({ ok: false, error: 'metric "value" is not a finite number: NaN' });
    expect(checkMetrics({ value: 'fast', cost: 1 }, 'value')).toEqual({ ok: false, error: 'metric "value" is not a number: "fast"' });
    expect(checkMetrics('fast', 'value')).toEqual({ ok: false, error: 'the output is not a number or an object of numeric metrics: "fast"' });
    expect(checkMetrics([1], 'value').ok).toBe(false);
  });

  it('keeps the numeric metrics and notes the others it dropped', () => {
    expect(checkMetrics({ value: 1, extra: 'x', cost: 2, nan: null, inf: Number.POSITIVE_INFINITY }, 'value')).toEqual({
      ok: true,
      metrics: { value: 1, cost: 2 },
      note: 'dropped from the metrics: "extra" is not a number: "x"; "nan" is not a number: null; "inf" is not a finite number: Infinity',
    });
  });

  it('drops names that are reserved, too long or unstorable, without a prototype to meet', () => {
    const raw = JSON.parse(`{"value": 1, "__proto__": 2, "constructor": 3, "${'n'.repeat(101)}": 4, "a\\u0000b": 5}`) as unknown;
    const check = checkMetrics(raw, 'value');
    expect(check.ok && Object.keys(check.metrics)).toEqual(['value']);
    expect(check.ok && check.note).toBe(
      `dropped from the metrics: "__proto__" has a reserved name; "constructor" has a reserved name; "${'n'.repeat(60)}…" has a name longer than 100 characters; "a\\u0000b" has a name holding NUL or an unpaired surrogate`,
    );
  });

  it(`keeps at most ${MAX_METRICS} metrics, the objective always among them`, () => {
    const raw: Record<string, number> = {};
    for (let i = 0; i < 150; i++) raw[`m${i}`] = i;
    raw.value = -1;
    const check = checkMetrics(raw, 'value');
    expect(check.ok && Object.keys(check.metrics)).toHaveLength(MAX_METRICS);
    expect(check.ok && check.metrics.value).toBe(-1);
    expect(check.ok && check.note).toBe('dropped from the metrics: 51 more past the limit of 100 metrics');
    const noisy: Record<string, unknown> = { value: 1 };
    for (let i = 0; i < 200; i++) noisy[`s${i}`] = 'x'.repeat(100);
    const clipped = checkMetrics(noisy, 'value');
    expect(clipped.ok && clipped.note?.length).toBe(MAX_NOTE_CHARS);
  });

  it('clips a long output to its tail', () => {
    const check = checkMetrics(undefined, 'value', 'x'.repeat(1000) + 'END');
    expect(check.ok || check.error.length).toBeLessThan(260);
    expect(check.ok || check.error.endsWith('END')).toBe(true);
  });
});
