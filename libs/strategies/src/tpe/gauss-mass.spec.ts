import { describe, expect, it } from 'vitest';
import fixture from './fixtures/parzen-fixture.json';
import { logCellMass, logGaussMass, logNdtr } from './gauss-mass';

describe('gauss mass', () => {
  it('matches scipy log(Φ(b) − Φ(a)), tails included', () => {
    for (const { a, b, log } of fixture.gaussMass) {
      expect(logGaussMass(a, b)).toBeCloseTo(log, 5);
      expect(Math.abs(logGaussMass(a, b) - log) / Math.abs(log)).toBeLessThan(1e-6);
    }
  });

  it('gives the same cell mass by Simpson and by CDF difference', () => {
    for (const { a, b, log } of fixture.gaussMass) expect(logCellMass(a, b)).toBeCloseTo(log, 5);
  });

  it('has log Φ(0) = log ½ and is monotone', () => {
    expect(logNdtr(0)).toBeCloseTo(Math.log(0.5), 7);
    let prev = -Infinity;
    for (let x = -50; x <= 10; x += 0.5) {
      const v = logNdtr(x);
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
  });

  it('is -Infinity for an empty cell', () => {
    expect(logGaussMass(1, 1)).toBe(-Infinity);
    expect(logCellMass(2, 1)).toBe(-Infinity);
  });
});
