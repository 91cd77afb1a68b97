import { describe, expect, it } from 'vitest';
import type { RepeatMeasurement } from '../objective/aggregate-repeats';
import { normalizeObjectives } from '../objective/normalize-objectives';
import type { ObjectiveSpec } from '../objective/objective-spec.schema';
import { Rng } from '../random/rng';
import { fiellerRatio } from '../statistics/fieller-ratio';
import fixture from '../statistics/fixtures/statistics.fixture.json';
import { compareComposite } from './compare-composite';
import { compareMetric } from './compare-metric';
import { verificationSchedule } from './verification-schedule';
import { verificationVerdict } from './verification-verdict';

describe('verificationSchedule', () => {
  it('measures every arm once per round, the baseline included, in a shuffled order', () => {
    const steps = verificationSchedule([7, 3, 12], 5, 42);
    expect(steps).toHaveLength(20);
    for (let round = 0; round < 5; round++) {
      const arms = steps.filter((s) => s.round === round).map((s) => s.arm);
      expect(new Set(arms)).toEqual(new Set(['baseline', 7, 3, 12]));
      expect(steps.slice(round * 4, round * 4 + 4).every((s) => s.round === round)).toBe(true);
    }
    const orders = new Set(Array.from({ length: 5 }, (_, r) => JSON.stringify(steps.filter((s) => s.round === r).map((s) => s.arm))));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('is determined by its seed, and more repeats extend it without changing its start', () => {
    expect(verificationSchedule([1, 2, 3], 4, 9)).toEqual(verificationSchedule([1, 2, 3], 4, 9));
    expect(verificationSchedule([1, 2, 3], 4, 9)).not.toEqual(verificationSchedule([1, 2, 3], 4, 10));
    expect(verificationSchedule([1, 2, 3], 6, 9).slice(0, 16)).toEqual(verificationSchedule([1, 2, 3], 4, 9));
  });

  it('puts no arm last more often than chance: over 400 seeds each of 4 arms closes a round about a quarter of the time', () => {
    const last = new Map<string | number, number>([['baseline', 0], [1, 0], [2, 0], [3, 0]]);
    for (let seed = 0; seed < 400; seed++) {
      const { arm } = verificationSchedule([1, 2, 3], 1, seed).at(-1)!;
      last.set(arm, last.get(arm)! + 1);
    }
    // binomial(400, 1/4): mean 100, sd 8.7; ±35 is four sd
    expect(last.size).toBe(4);
    for (const count of last.values()) expect(Math.abs(count - 100)).toBeLessThan(35);
  });

  it('measures a candidate named twice once per round', () => {
    expect(verificationSchedule([5, 5], 2, 1)).toHaveLength(4);
  });
});

/** n draws of a normal(mean, sd) from a seeded stream, rounded as a benchmark prints them. */
function noisy(rng: Rng, mean: number, sd: number, n: number): number[] {
  return Array.from({ length: n }, () => Math.round((mean + sd * rng.normal()) * 100) / 100);
}

describe('compareMetric', () => {
  const [clear] = fixture.fieller;

  it("reports the means' relative improvement with Fieller's interval, oriented so that positive is better", () => {
    const ratio = fiellerRatio(clear.x, clear.y);
    const up = compareMetric('maximize', clear.x, clear.y)!;
    expect(up.test).toBe('welch');
    expect(up.improvement.estimate).toBeCloseTo(clear.ratio - 1, 12);
    expect(up.improvement.low).toBeCloseTo(ratio.low - 1, 12);
    expect(up.improvement.high).toBeCloseTo(ratio.high - 1, 12);
    expect(up.significant).toBe(true);
    const down = compareMetric('minimize', clear.x, clear.y)!;
    expect(down.improvement).toEqual({ estimate: expect.closeTo(1 - clear.ratio, 12), low: expect.closeTo(1 - ratio.high, 12), high: expect.closeTo(1 - ratio.low, 12) });
    expect(down.significant).toBe(false);
    expect(down.p).toBe(up.p);
  });

  it('orients by |b̄| for a negative baseline: (m̄ - b̄)/|b̄| = 1 - ρ when maximising', () => {
    const ratio = fiellerRatio(clear.x, clear.y);
    const result = compareMetric('maximize', clear.x.map((v) => -v), clear.y.map((v) => -v))!;
    expect(result.test).toBe('welch');
    expect(result.improvement).toEqual({ estimate: expect.closeTo(1 - clear.ratio, 12), low: expect.closeTo(1 - ratio.high, 12), high: expect.closeTo(1 - ratio.low, 12) });
  });

  it('finds a 10% latency cut significant and two samples of one distribution not', () => {
    const rng = new Rng(7);
    const baseline = noisy(rng, 100, 3, 5);
    expect(compareMetric('minimize', noisy(rng, 90, 3, 5), baseline)).toMatchObject({ test: 'welch', significant: true, improvement: { estimate: expect.closeTo(0.1, 1) } });
    const same = compareMetric('minimize', noisy(rng, 100, 3, 5), baseline)!;
    expect(same.significant).toBe(false);
    expect(same.improvement.low).toBeLessThan(0);
    expect(same.improvement.high).toBeGreaterThan(0);
  });

  it('uses the rank test and the Hodges–Lehmann shift when one run in five is an outlier', () => {
    const result = compareMetric('minimize', [90, 91, 89, 90.5, 140], [100, 101, 99, 100.5, 99.5])!;
    expect(result.test).toBe('rank');
    expect(result.note).toMatch(/candidate's sample is far from normal: 140 is an outlier/);
    // shifts of m - b: the median is -9.5; over the baseline's median 100, minimising: +9.5%
    expect(result.improvement.estimate).toBeCloseTo(0.095, 12);
    expect(result.rank).toMatchObject({ method: 'exact', u: 5 });
    expect(result.p).toBe(result.rank.p);
    // Welch sees the outlier's variance and finds nothing; the rank test sees 4 of 5 below every baseline value:
    // p = 2 P(U <= 5), the partitions of 0..5 in a 5×5 box being 1, 1, 2, 3, 5, 7 of C(10, 5) = 252
    expect(result.welch.p).toBeGreaterThan(0.3);
    expect(result.p).toBeCloseTo(38 / 252, 12);
    expect(result.significant).toBe(false);
  });

  it("says so when the baseline's mean is not significantly away from 0", () => {
    const result = compareMetric('minimize', [0.5, 0.7, 0.6, 0.55, 0.65], [0.1, -0.2, 0.3, -0.1, 0.05])!;
    expect(result.improvement.low).toBe(-Infinity);
    expect(result.improvement.high).toBe(Infinity);
    expect(result.significant).toBe(false);
    expect(result.note).toMatch(/not significantly away from 0/);
  });

  it('is calibrated on samples of 5: 95% coverage, no more than 2.5% of identical pairs found better, a 10% gain nearly always found', () => {
    const rng = new Rng(21);
    const draw = (centre: number) => Array.from({ length: 5 }, () => centre + 3 * rng.normal());
    const runs = 2000;
    let covered = 0;
    let falseWins = 0;
    let found = 0;
    for (let i = 0; i < runs; i++) {
      const same = compareMetric('minimize', draw(100), draw(100))!;
      if (same.significant) falseWins++;
      if (same.improvement.low <= 0 && 0 <= same.improvement.high) covered++;
      if (compareMetric('minimize', draw(90), draw(100))!.significant) found++;
    }
    // binomial sd at 2000 runs: 0.49% around 95%, 0.35% around 2.5%
    expect(Math.abs(covered / runs - 0.95)).toBeLessThan(0.015);
    expect(falseWins / runs).toBeLessThan(0.035);
    expect(found / runs).toBeGreaterThan(0.95);
  });

  it('needs two measurements on each side', () => {
    expect(compareMetric('minimize', [1], [1, 2])).toBeUndefined();
  });
});

describe('compareComposite', () => {
  for (const c of fixture.composite) {
    it(`has the delta method's interval that numpy's gradients and covariances give on ${c.name}`, () => {
      const result = compareComposite(c.terms as never, c.candidate, c.baseline)!;
      expect(result.test).toBe('welch');
      expect(result.improvement.estimate).toBeCloseTo(c.estimate, 12);
      expect(result.improvement.low).toBeCloseTo(c.low, 7);
      expect(result.improvement.high).toBeCloseTo(c.high, 7);
    });
  }

  it("of one term is close to that metric's Fieller interval", () => {
    const large = fixture.fieller.find((f) => f.name === 'large n')!;
    const terms = [{ metric: 'p99', direction: 'minimize' as const, weight: 1 }];
    const composite = compareComposite(terms, large.x.map((p99) => ({ p99 })), large.y.map((p99) => ({ p99 })))!;
    const metric = compareMetric('minimize', large.x, large.y)!;
    expect(composite.improvement.estimate).toBeCloseTo(metric.improvement.estimate, 12);
    expect(composite.improvement.low).toBeCloseTo(metric.improvement.low, 3);
    expect(composite.improvement.high).toBeCloseTo(metric.improvement.high, 3);
    expect(composite.p).toBeCloseTo(metric.p, 12);
  });

  it('covers the true improvement 95% of the time on samples of 5 whose metrics move together', () => {
    const rng = new Rng(22);
    const terms = [
      { metric: 'throughput', direction: 'maximize' as const, weight: 2 },
      { metric: 'p99', direction: 'minimize' as const, weight: 1 },
    ];
    // throughput sd 3%, p99 sd 10%, correlation -0.6; true improvement (2 · 10% + 10%) / 3 = 10%
    const draw = (throughput: number, p99: number) =>
      Array.from({ length: 5 }, () => {
        const z = rng.normal();
        return { throughput: throughput + 30 * z, p99: p99 * (1 + 0.1 * (-0.6 * z + 0.8 * rng.normal())) };
      });
    const runs = 2000;
    let covered = 0;
    for (let i = 0; i < runs; i++) {
      const { improvement } = compareComposite(terms, draw(1100, 18), draw(1000, 20))!;
      if (improvement.low <= 0.1 && 0.1 <= improvement.high) covered++;
    }
    expect(Math.abs(covered / runs - 0.95)).toBeLessThan(0.015);
  });

  it('counts only repeats that report every term, and refuses a baseline whose term averages 0', () => {
    const terms = [
      { metric: 'a', direction: 'minimize' as const, weight: 1 },
      { metric: 'b', direction: 'maximize' as const, weight: 1 },
    ];
    const result = compareComposite(terms, [{ a: 1, b: 2 }, { a: 1.1, b: 2.1 }, { a: 1 }], [{ a: 2, b: 2 }, { a: 2.2, b: 1.9 }])!;
    expect(result.count).toEqual({ candidate: 2, baseline: 2 });
    expect(compareComposite(terms, [{ a: 1, b: 2 }, { a: 1.1, b: 2.1 }], [{ a: 1, b: 1 }, { a: -1, b: 1 }])).toBeUndefined();
  });
});

const measured = (values: readonly Record<string, number>[]): RepeatMeasurement[] => values.map((metrics) => ({ metrics }));
const series = (rng: Rng, means: Record<string, [number, number]>, n = 5) => measured(Array.from({ length: n }, () => Object.fromEntries(Object.entries(means).map(([k, [m, sd]]) => [k, m + sd * rng.normal()]))));

describe('verificationVerdict', () => {
  const single = normalizeObjectives({ objective: { metric: 'latency', direction: 'minimize' }, baseline: true } as ObjectiveSpec);

  it('picks the winner on its re-measurements, not on the luck that ranked it first in the search', () => {
    const rng = new Rng(11);
    const baseline = series(rng, { latency: [100, 2] });
    // trial 4 was the search's best (a lucky measurement); re-measured it is the baseline's equal; trial 9 is truly 15% faster
    const verdict = verificationVerdict(single, baseline, [
      { trial: 4, repeats: series(rng, { latency: [100, 2] }) },
      { trial: 9, repeats: series(rng, { latency: [85, 2] }) },
    ]);
    expect(verdict.winner).toBe(9);
    expect(verdict.significant).toBe(true);
    expect(verdict.baseline.spread.latency.count).toBe(5);
    expect(verdict.baseline.metrics.latency).toBeCloseTo(100, -1);
    const nine = verdict.candidates.find((c) => c.trial === 9)!;
    expect(nine.comparison).toBe(nine.perMetric.latency);
    expect(nine.comparison!.improvement.estimate).toBeCloseTo(0.15, 1);
    expect(verdict.candidates.find((c) => c.trial === 4)!.significant).toBe(false);
  });

  it('reports a winner no better than the baseline as not significant', () => {
    const rng = new Rng(12);
    const verdict = verificationVerdict(single, series(rng, { latency: [100, 2] }), [
      { trial: 1, repeats: series(rng, { latency: [100, 2] }) },
      { trial: 2, repeats: series(rng, { latency: [100, 2] }) },
    ]);
    expect(verdict.winner).toBeDefined();
    expect(verdict.significant).toBe(false);
    expect(verdict.candidates.every((c) => !c.significant)).toBe(true);
  });

  it('skips a candidate that breaks a constraint when re-measured, and says when none keeps them', () => {
    const constrained = normalizeObjectives({ objective: { metric: 'latency', direction: 'minimize' }, constraints: [{ metric: 'rss', max: 500 }] } as ObjectiveSpec);
    const rng = new Rng(13);
    const baseline = series(rng, { latency: [100, 2], rss: [300, 5] });
    const fastButFat = { trial: 1, repeats: series(rng, { latency: [70, 2], rss: [520, 5] }) };
    const good = { trial: 2, repeats: series(rng, { latency: [85, 2], rss: [400, 5] }) };
    expect(verificationVerdict(constrained, baseline, [fastButFat, good]).winner).toBe(2);
    const none = verificationVerdict(constrained, baseline, [fastButFat]);
    expect(none.winner).toBeUndefined();
    expect(none).toMatchObject({ significant: false, reason: 'no candidate met the constraints when re-measured' });
  });

  it("judges a composite by its score's comparison against the re-measured baseline", () => {
    const composite = normalizeObjectives({
      objective: { composite: [{ metric: 'throughput', direction: 'maximize', weight: 2 }, { metric: 'p99', direction: 'minimize', weight: 1 }] },
      baseline: true,
    } as ObjectiveSpec);
    const rng = new Rng(14);
    const baseline = series(rng, { throughput: [1000, 10], p99: [20, 0.5] });
    const verdict = verificationVerdict(composite, baseline, [
      { trial: 3, repeats: series(rng, { throughput: [1010, 10], p99: [20, 0.5] }) },
      { trial: 5, repeats: series(rng, { throughput: [1200, 10], p99: [18, 0.5] }) },
    ]);
    expect(verdict.winner).toBe(5);
    expect(verdict.significant).toBe(true);
    const five = verdict.candidates.find((c) => c.trial === 5)!;
    // (2 · 20% + 10%) / 3 ≈ 16.7%
    expect(five.comparison!.improvement.estimate).toBeCloseTo(0.5 / 3, 1);
    expect(five.score!.value).toBeCloseTo(-five.comparison!.improvement.estimate, 1);
    expect(Object.keys(five.perMetric)).toEqual(['throughput', 'p99']);
  });

  it('verifies each member of a Pareto front and reports which stay non-dominated', () => {
    const pareto = normalizeObjectives({ objectives: [{ metric: 'latency', direction: 'minimize' }, { metric: 'throughput', direction: 'maximize' }] } as ObjectiveSpec);
    const rng = new Rng(15);
    const baseline = series(rng, { latency: [100, 1], throughput: [1000, 5] });
    const verdict = verificationVerdict(pareto, baseline, [
      { trial: 1, repeats: series(rng, { latency: [80, 1], throughput: [1000, 5] }) },
      { trial: 2, repeats: series(rng, { latency: [100, 1], throughput: [1200, 5] }) },
      // on the front in the search, dominated by trial 1 once re-measured
      { trial: 3, repeats: series(rng, { latency: [90, 1], throughput: [950, 5] }) },
    ]);
    expect(verdict.front).toEqual([1, 2]);
    expect(verdict.winner).toBeUndefined();
    expect(verdict.significant).toBe(true);
    expect(verdict.candidates.map((c) => c.significant)).toEqual([true, true, false]);
    expect(verdict.candidates[0].comparison).toBeUndefined();
  });
});
