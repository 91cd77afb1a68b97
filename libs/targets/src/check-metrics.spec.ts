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

  it('rejects non-numeric, non-finite and non-object output', () => {
    expect(checkMetrics(Number.NaN, 'value')).toEqual({ ok: false, error: 'metric "value" is not a finite number: NaN' });
    expect(checkMetrics({ value: 1, cost: 'high' }, 'value')).toEqual({ ok: false, error: 'metric "cost" is not a number: "high"' });
    expect(checkMetrics('fast', 'value')).toEqual({ ok: false, error: 'the output is not a number or an object of numeric metrics: "fast"' });
    expect(checkMetrics([1], 'value').ok).toBe(false);
  });

  it('clips a long output to its tail', () => {
    const check = checkMetrics(undefined, 'value', 'x'.repeat(1000) + 'END');
    expect(check.ok || check.error.length).toBeLessThan(260);
    expect(check.ok || check.error.endsWith('END')).toBe(true);
  });
});
