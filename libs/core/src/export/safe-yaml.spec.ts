import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toSafeYaml } from './safe-yaml';

describe('toSafeYaml', () => {
  it('writes a best trial as block YAML', () => {
    expect(toSafeYaml({ number: 3, params: { workers: 8, mode: 'lz4' }, metrics: { p99: 12.5 } })).toBe('number: 3\nparams:\n  workers: 8\n  mode: lz4\nmetrics:\n  p99: 12.5\n');
  });

  it('quotes the strings a YAML 1.1 parser would read as something else', () => {
    const value = { a: 'yes', b: 'on', c: 'null', d: '1.5', e: 'no' };
    const text = toSafeYaml(value);
    expect(text).toBe('a: "yes"\nb: "on"\nc: "null"\nd: "1.5"\ne: "no"\n');
    expect(parse(text)).toEqual(value);
    expect(parse(text, { version: '1.1' })).toEqual(value);
  });

  it('escapes control, C1 and bidi characters in values and keys, keeping the value', () => {
    const value = { params: { mode: 'x\u001b[2J\u009b31m\u202eevil\ttab\nline' }, metrics: { 'p\u0085': 1 } };
    const text = toSafeYaml(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(parse(text)).toEqual(value);
  });
});
