import { describe, expect, it } from 'vitest';
import fixture from './fixtures/wilcoxon.fixture.json';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank';

describe(`the one-sided Wilcoxon signed-rank test, against scipy ${fixture.scipy} (zsplit, alternative 'greater')`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const test = wilcoxonSignedRank(c.d);
    expect(test.statistic).toBeCloseTo(c.statistic, 9);
    expect(test.pValue).toBeCloseTo(c.pValue, 12);
  });

  it('picks the method as scipy does: exact without ties or zeros up to 50, sign flips up to 13, else normal', () => {
    const methodOf = (name: string) => wilcoxonSignedRank(fixture.cases.find((c) => c.name === name)!.d).method;
    expect(methodOf('exact n=50')).toBe('exact');
    expect(methodOf('asymptotic n=51')).toBe('asymptotic');
    expect(methodOf('ties n=13')).toBe('permutation');
    expect(methodOf('zeros n=6')).toBe('permutation');
    expect(methodOf('ties above 13, n=14')).toBe('asymptotic');
  });

  it('is NaN without differences', () => {
    expect(wilcoxonSignedRank([]).pValue).toBeNaN();
  });
});
