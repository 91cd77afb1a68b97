import { describe, expect, it } from 'vitest';
import { farFromNormal, grubbsCritical, skewness } from './far-from-normal';
import { fiellerRatio } from './fieller-ratio';
import fixture from './fixtures/statistics.fixture.json';
import { hodgesLehmannShift } from './hodges-lehmann';
import { mannWhitneyPmf } from './mann-whitney-distribution';
import { mannWhitneyU } from './mann-whitney-u';
import { welchTTest } from './welch-t-test';

/** Relative agreement to `digits` significant digits (toBeCloseTo is absolute). */
function expectRelativelyClose(actual: number, expected: number, digits = 12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 10 ** -digits + 1e-300);
}

describe("Welch's t-test (scipy.stats.ttest_ind, equal_var=False)", () => {
  for (const c of fixture.welch) {
    it(`agrees with scipy on ${c.name}`, () => {
      const result = welchTTest(c.x, c.y)!;
      expectRelativelyClose(result.t, c.t);
      expectRelativelyClose(result.df, c.df);
      expectRelativelyClose(result.p, c.p, 9);
      expectRelativelyClose(result.difference.low, c.low, 10);
      expectRelativelyClose(result.difference.high, c.high, 10);
    });
  }

  it('needs two values in each sample', () => {
    expect(welchTTest([1], [1, 2])).toBeUndefined();
    expect(welchTTest([1, 2], [])).toBeUndefined();
  });

  it('takes a difference between two constant samples as exact', () => {
    expect(welchTTest([3, 3, 3], [2, 2])).toMatchObject({ t: Infinity, p: 0, difference: { estimate: 1, low: 1, high: 1 } });
    expect(welchTTest([2, 2, 2], [2, 2])).toMatchObject({ t: 0, p: 1 });
  });
});

describe('Mann–Whitney U (scipy.stats.mannwhitneyu, method auto)', () => {
  for (const c of fixture.mannWhitney) {
    it(`agrees with scipy on ${c.name} (${c.method})`, () => {
      const result = mannWhitneyU(c.x, c.y);
      expect(result.method).toBe(c.method);
      expect(result.u).toBe(c.u);
      expectRelativelyClose(result.p, c.p, 10);
    });
  }

  it("has scipy's exact null distribution of U", () => {
    for (const { m, n, pmf } of fixture.pmf) {
      const ours = mannWhitneyPmf(m, n);
      expect(ours).toHaveLength(pmf.length);
      ours.forEach((p, u) => expectRelativelyClose(p, pmf[u], 12));
    }
  });

  it('is symmetric in its samples: U of y is m n - U of x, the same p', () => {
    const x = [1.5, 2.25, 9, 4];
    const y = [3, 5, 6.5, 7, 8];
    expect(mannWhitneyU(y, x).u).toBe(20 - mannWhitneyU(x, y).u);
    expect(mannWhitneyU(y, x).p).toBe(mannWhitneyU(x, y).p);
  });
});

describe('Hodges–Lehmann shift and its interval', () => {
  for (const c of fixture.mannWhitney) {
    it(`matches the script's order statistics on ${c.name}`, () => {
      expect(hodgesLehmannShift(c.x, c.y)).toEqual({ estimate: expect.closeTo(c.shift, 12), low: c.shiftLow, high: c.shiftHigh });
    });
  }

  it('is worked by hand on 3 against 3: the full range, as P(U = 0) = 1/20 exceeds 2.5%', () => {
    // differences of [4, 5, 6] - [1, 2, 3]: 1, 2, 2, 3, 3, 3, 4, 4, 5; the median is 3
    expect(hodgesLehmannShift([4, 5, 6], [1, 2, 3])).toEqual({ estimate: 3, low: 1, high: 5 });
  });
});

describe("Fieller's interval for a ratio of means", () => {
  for (const c of fixture.fieller) {
    it(`has the roots that scipy's brentq finds on ${c.name}`, () => {
      const result = fiellerRatio(c.x, c.y);
      expect(result.kind).toBe('bounded');
      expectRelativelyClose(result.estimate, c.ratio, 13);
      expectRelativelyClose(result.low, c.low, 10);
      expectRelativelyClose(result.high, c.high, 10);
    });
  }

  it("tends to the delta method's interval when the denominator is precise", () => {
    const c = fixture.fieller.find((f) => f.name === 'large n')!;
    const result = fiellerRatio(c.x, c.y);
    const delta = (result.high - result.low) / 2;
    // delta method: ρ̂ ± t sqrt(v_x + ρ̂² v_y) / |ȳ|, same t; the half-widths agree to 0.1%
    const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
    const variance = (v: number[]) => v.reduce((s, a) => s + (a - mean(v)) ** 2, 0) / (v.length - 1);
    const t = 1.9909177553181963; // scipy.stats.t.ppf(0.975, 77.82), the Welch df of this case
    const deltaHalf = (t * Math.sqrt(variance(c.x) / 40 + result.estimate ** 2 * (variance(c.y) / 40))) / Math.abs(mean(c.y));
    expect(Math.abs(delta / deltaHalf - 1)).toBeLessThan(1e-3);
    expect(Math.abs(delta / deltaHalf - 1)).toBeGreaterThan(0); // and are not the same formula
  });

  it('is worked by hand on a noiseless numerator: [(x̄ȳ ∓ t x̄ sqrt(v_y)) / (ȳ² - t² v_y)]', () => {
    // x = [6, 6]: v_x = 0; y = [1, 3]: ȳ = 2, v_y = 2 / 2 = 1; df = 1 (ρ̂² v_y alone, n_y - 1), t = 12.7062047
    const t = 12.706204736174698;
    const result = fiellerRatio([6, 6], [1, 3]);
    // ȳ² - t² v_y < 0: the denominator is not significantly away from 0
    expect(result).toEqual({ kind: 'unbounded', estimate: 3, low: -Infinity, high: Infinity });
    // y = [19.5, 20.5]: ȳ = 20, v_y = 0.25, df 1 again; ȳ² - t² v_y = 359.6 > 0
    const precise = fiellerRatio([6, 6], [19.5, 20.5]);
    const denominator = 400 - t * t * 0.25;
    expect(precise.kind).toBe('bounded');
    expect(precise.low).toBeCloseTo((120 - t * 6 * 0.5) / denominator, 12);
    expect(precise.high).toBeCloseTo((120 + t * 6 * 0.5) / denominator, 12);
  });
});

describe('far from normal', () => {
  it('has scipy’s adjusted skewness', () => {
    for (const c of fixture.skewness) expectRelativelyClose(skewness(c.x), c.skewness, 12);
  });

  it("has scipy's t for Grubbs' critical values", () => {
    for (const c of fixture.grubbs) expectRelativelyClose(grubbsCritical(c.n), c.critical, 12);
  });

  it('flags one slow run in five, and a strongly skewed sample', () => {
    expect(farFromNormal([100, 101, 99, 100.5, 140])).toMatch(/140 is an outlier/);
    expect(farFromNormal([10, 10, 10, 10, 12])).toMatch(/12 is an outlier/);
    // G = 2.09 < 2.13 (n = 8): no outlier, but G₁ = 1.76 > 2 · 0.752
    expect(farFromNormal([1, 1.1, 1.2, 1.3, 1.4, 1.5, 4, 6])).toMatch(/^skewness 1\.76 is beyond ±1\.50/);
  });

  it('passes normal-looking samples, constant ones and ones too small to judge', () => {
    expect(farFromNormal([100, 101, 99, 100.5, 98.7])).toBeUndefined();
    expect(farFromNormal([5, 5, 5, 5, 5])).toBeUndefined();
    expect(farFromNormal([1, 100])).toBeUndefined();
  });
});
