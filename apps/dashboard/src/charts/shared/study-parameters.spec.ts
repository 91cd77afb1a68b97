import { describe, expect, it } from 'vitest';
import { trial } from '../testing/fixtures';
import { toUnit } from './scale';
import { parameterScale, studyParameters } from './study-parameters';

describe('studyParameters', () => {
  it('keeps the declarations it can read, in order', () => {
    const declared = [{ name: 'x', type: 'float', min: 0, max: 1 }, { name: 'bad', type: 'float', min: 0 }, null, { name: 'c', type: 'categorical', values: ['a'] }, { name: 'e', type: 'categorical', values: [] }];
    expect(studyParameters(declared, []).map((p) => p.name)).toEqual(['x', 'c']);
  });

  it('reads them off the trials when there are no declarations: numeric when every value is a number', () => {
    const trials = [trial(0, { params: { x: 2, mode: 'a' } }), trial(1, { params: { x: 5, mode: 3 } })];
    expect(studyParameters(undefined, trials)).toEqual([
      { name: 'x', type: 'float', min: 2, max: 5 },
      { name: 'mode', type: 'categorical', values: ['a', 3] },
    ]);
  });
});

describe('parameterScale', () => {
  it('spans the declared range, log when searched on a log scale', () => {
    expect(parameterScale({ name: 'lr', type: 'float', min: 1e-4, max: 1, log: true }, [])).toEqual({ kind: 'log', min: 1e-4, max: 1 });
    expect(parameterScale({ name: 'n', type: 'int', min: 1, max: 8 }, [])).toEqual({ kind: 'linear', min: 1, max: 8 });
  });

  it('widens the range to hold every trial, ignoring values that are not numbers', () => {
    const trials = [trial(0, { params: { n: 12 } }), trial(1, { params: { n: 'x' } }), trial(2, { params: {} })];
    expect(parameterScale({ name: 'n', type: 'int', min: 1, max: 8 }, trials)).toEqual({ kind: 'linear', min: 1, max: 12 });
  });

  it('lists the categories, then any other value a trial holds', () => {
    const s = parameterScale({ name: 'm', type: 'categorical', values: ['a', 'b'] }, [trial(0, { params: { m: 'z' } }), trial(1, { params: { m: 'a' } })]);
    expect(s.kind === 'categorical' && s.values).toEqual(['a', 'b', 'z']);
    expect(toUnit(s, 'z')).toBeCloseTo(5 / 6, 12);
  });
});
