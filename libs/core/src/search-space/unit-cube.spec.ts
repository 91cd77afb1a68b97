import { describe, expect, it } from 'vitest';
import type { Parameter, SearchSpace } from './parameter';
import { categoryAtUnit, configurationAtUnit, decodeConfiguration, decodeCoordinate, encodeConfiguration, encodeCoordinate } from './unit-cube';

const linear: Parameter = { name: 'x', type: 'float', min: -5, max: 10 };
const logFloat: Parameter = { name: 'lr', type: 'float', min: 1e-4, max: 1, log: true };
const stepInt: Parameter = { name: 'n', type: 'int', min: 0, max: 10, step: 2 };
const logInt: Parameter = { name: 'batch', type: 'int', min: 1, max: 64, log: true };
const choice: Parameter = { name: 'c', type: 'categorical', values: ['a', 'b', 'c'] };
const SPACE: SearchSpace = [linear, logFloat, stepInt, logInt, choice];

describe('encodeCoordinate (known answers)', () => {
  it('puts a linear float at its fraction of the range', () => {
    expect(encodeCoordinate(linear, 2.5)).toBe(0.5);
    expect(encodeCoordinate(linear, -5)).toBe(0);
    expect(encodeCoordinate(linear, 10)).toBe(1);
    expect(encodeCoordinate(linear, 40)).toBe(1);
  });

  it('puts a log float at its fraction of the log range', () => {
    expect(encodeCoordinate(logFloat, 1e-2)).toBeCloseTo(0.5, 15);
    expect(encodeCoordinate(logFloat, 1e-3)).toBeCloseTo(0.25, 15);
  });

  it('gives each level of a stepped int an equal cell: 6 levels of [0, 10] step 2 span [-1, 11]', () => {
    expect(encodeCoordinate(stepInt, 0)).toBeCloseTo(1 / 12, 15);
    expect(encodeCoordinate(stepInt, 4)).toBeCloseTo(5 / 12, 15);
    expect(encodeCoordinate(stepInt, 10)).toBeCloseTo(11 / 12, 15);
  });

  it('pads a log int by half a unit: 8 in [1, 64] sits at ln(8/0.5) / ln(64.5/0.5)', () => {
    expect(encodeCoordinate(logInt, 8)).toBeCloseTo(Math.log(16) / Math.log(129), 15);
  });

  it('gives a categorical its index', () => {
    expect(encodeCoordinate(choice, 'a')).toBe(0);
    expect(encodeCoordinate(choice, 'c')).toBe(2);
  });

  it('is NaN for a missing value, a value not listed, or a non-number', () => {
    expect(encodeCoordinate(linear, undefined)).toBeNaN();
    expect(encodeCoordinate(linear, 'x')).toBeNaN();
    expect(encodeCoordinate(linear, Number.NaN)).toBeNaN();
    expect(encodeCoordinate(choice, undefined)).toBeNaN();
    expect(encodeCoordinate(choice, 'z')).toBeNaN();
  });
});

describe('encodeConfiguration', () => {
  const params = { x: 2.5, lr: 1e-2, batch: 8 };
  it("leaves a missing coordinate NaN under 'nan'", () => {
    const x = encodeConfiguration(SPACE, params, 'nan');
    expect(x[0]).toBe(0.5);
    expect(x[2]).toBeNaN();
    expect(x[4]).toBeNaN();
  });

  it("imputes the centre of a numeric range and the first choice under 'impute'", () => {
    const x = encodeConfiguration(SPACE, params, 'impute');
    expect(x[2]).toBe(0.5);
    expect(x[4]).toBe(0);
    expect(x[3]).toBeCloseTo(Math.log(16) / Math.log(129), 15);
  });
});

describe('decodeCoordinate', () => {
  it('round-trips every value it encodes', () => {
    const params = { x: 2.5, lr: 1e-2, n: 4, batch: 8, c: 'b' };
    const back = decodeConfiguration(SPACE, encodeConfiguration(SPACE, params, 'nan'));
    expect({ ...back, lr: 0 }).toEqual({ ...params, lr: 0 });
    // exp(log(x)) is one rounding away from x on a log scale.
    expect(back.lr).toBeCloseTo(1e-2, 15);
  });

  it('snaps into the domain and clamps', () => {
    expect(decodeCoordinate(stepInt, 5 / 12 + 0.03)).toBe(4);
    expect(decodeCoordinate(stepInt, 1.7)).toBe(10);
    expect(decodeCoordinate(choice, 1.4)).toBe('b');
    expect(decodeCoordinate(choice, 9)).toBe('c');
    expect(decodeCoordinate(choice, -3)).toBe('a');
  });

  it('decodes a non-finite coordinate as the imputed one', () => {
    expect(decodeCoordinate(linear, Number.NaN)).toBe(2.5);
    expect(decodeCoordinate(choice, Number.POSITIVE_INFINITY)).toBe('a');
  });
});

describe('configurationAtUnit', () => {
  it('bins categoricals equally and places numerics by position', () => {
    expect([0, 0.33, 0.34, 0.99, 1].map((u) => categoryAtUnit(choice as never, u))).toEqual(['a', 'a', 'b', 'c', 'c']);
    expect(configurationAtUnit([linear, choice], [0.5, 0.5])).toEqual({ x: 2.5, c: 'b' });
  });
});
