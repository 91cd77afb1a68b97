import { describe, expect, it } from 'vitest';
import { parseStudySpec } from '../spec/parse-study-spec';
import { toLoss } from '../trial/trial-view';
import { aggregateRepeats, type RepeatMeasurement } from './aggregate-repeats';
import { normalizeObjectives, type NormalizedObjectives } from './normalize-objectives';
import { parseObjectiveSpec } from './parse-objective-spec';
import { scoreTrial, type TrialScore } from './score';

function objectivesOf(spec: unknown): NormalizedObjectives {
  return normalizeObjectives(parseObjectiveSpec(spec));
}

function scored(objectives: NormalizedObjectives, repeats: RepeatMeasurement[], baseline?: Record<string, number>): TrialScore {
  const result = scoreTrial(objectives, repeats, baseline);
  if (!result.ok) throw new Error(`expected a score, got: ${result.reason}`);
  return result.score;
}

function reasonOf(objectives: NormalizedObjectives, repeats: RepeatMeasurement[], baseline?: Record<string, number>): string {
  const result = scoreTrial(objectives, repeats, baseline);
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

const repeatsOf = (...metrics: Record<string, number>[]): RepeatMeasurement[] => metrics.map((m) => ({ metrics: m }));
const warmup = (metrics: Record<string, number>): RepeatMeasurement => ({ metrics, warmup: true });

const composite = objectivesOf({
  objective: {
    composite: [
      { metric: 'p99', direction: 'minimize', weight: 2 },
      { metric: 'tput', direction: 'maximize', weight: 1 },
      { metric: 'mem', direction: 'minimize', weight: 1 },
    ],
  },
  baseline: true,
  measurement: { repeats: 3, warmup: 1 },
});
const compositeBaseline = { p99: 100, tput: 1000, mem: 500 };

describe('aggregateRepeats', () => {
  // p99 over 4 counted repeats: 12, 10, 14, 11 (the warm-up's 50 never counts).
  //   median: sorted 10, 11, 12, 14 -> (11 + 12) / 2 = 11.5
  //   mean:   47 / 4 = 11.75
  //   sd:     deviations from 11.75: 0.25, -1.75, 2.25, -0.75; squares 0.0625 + 3.0625 + 5.0625 + 0.5625 = 8.75;
  //           8.75 / (4 - 1) = 35/12; sqrt(35/12) = 1.70782512765993...
  const repeats = [warmup({ p99: 50 }), ...repeatsOf({ p99: 12 }, { p99: 10 }, { p99: 14 }, { p99: 11 })];

  it('takes the median or the mean of the counted repeats, and their sample sd and count', () => {
    expect(aggregateRepeats(repeats, 'median')).toEqual({ metrics: { p99: 11.5 }, spread: { p99: { sd: Math.sqrt(35 / 12), count: 4 } } });
    expect(aggregateRepeats(repeats, 'mean').metrics).toEqual({ p99: 11.75 });
    expect(Math.sqrt(35 / 12)).toBeCloseTo(1.707825127659933, 14);
  });

  it('takes the middle value of an odd count, and gives sd 0 for one repeat', () => {
    expect(aggregateRepeats(repeatsOf({ a: 3 }, { a: 1 }, { a: 2 }), 'median').metrics).toEqual({ a: 2 });
    expect(aggregateRepeats(repeatsOf({ a: 7 }), 'median').spread).toEqual({ a: { sd: 0, count: 1 } });
  });

  it('aggregates each metric over the repeats that report it as a finite number', () => {
    // a: 1 and 3 -> median 2; b: only 5 (the NaN does not count).
    const { metrics, spread } = aggregateRepeats(repeatsOf({ a: 1, b: Number.NaN }, { b: 5 }, { a: 3 }), 'median');
    expect(metrics).toEqual({ a: 2, b: 5 });
    expect(spread).toEqual({ a: { sd: Math.SQRT2, count: 2 }, b: { sd: 0, count: 1 } });
  });
});

describe('scoreTrial', () => {
  it("scores today's spec as today's ingestion does: the metric is the value, its loss oriented for minimisation", () => {
    const spec = { name: 't', target: 'branin', parameters: [{ name: 'x', type: 'float', min: 0, max: 1 }], strategy: { name: 'random' }, budget: { maxTrials: 3 } };
    for (const direction of ['minimize', 'maximize'] as const) {
      const objectives = normalizeObjectives(parseStudySpec({ ...spec, objective: { direction } }));
      const score = scored(objectives, repeatsOf({ value: 3.5, other: 1 }));
      expect(score).toStrictEqual({
        value: 3.5,
        loss: toLoss(3.5, direction),
        noise: { sd: 0, count: 1 },
        metrics: Object.assign(Object.create(null), { value: 3.5, other: 1 }),
        spread: Object.assign(Object.create(null), { value: { sd: 0, count: 1 }, other: { sd: 0, count: 1 } }),
        feasible: true,
        violation: 0,
        violations: [],
        constraints: [],
      });
    }
  });

  it('scores the worked composite example: -0.1, "10% better than the baseline on the weighted average"', () => {
    // Baseline b: p99 100, tput 1000, mem 500. Counted repeats (the warm-up is dropped):
    //   p99 80, 90, 70 -> median 80;  tput 1100, 1000, 1200 -> median 1100;  mem 550, 500, 600 -> median 550.
    // score = sum_i w_i * s_i * (m_i - b_i) / |b_i|  /  sum_i w_i
    //   p99:  w 2, s +1, (80 - 100) / 100    = -0.2 -> -0.4
    //   tput: w 1, s -1, (1100 - 1000) / 1000 = 0.1 -> -0.1
    //   mem:  w 1, s +1, (550 - 500) / 500    = 0.1 -> +0.1
    //   (-0.4 - 0.1 + 0.1) / (2 + 1 + 1) = -0.4 / 4 = -0.1
    const score = scored(
      composite,
      [warmup({ p99: 500, tput: 1, mem: 9999 }), ...repeatsOf({ p99: 80, tput: 1100, mem: 550 }, { p99: 90, tput: 1000, mem: 500 }, { p99: 70, tput: 1200, mem: 600 })],
      compositeBaseline,
    );
    expect(score.value).toBeCloseTo(-0.1, 12);
    expect(score.loss).toBe(score.value);
    expect(score.losses).toBeUndefined();
    expect(score.metrics).toEqual({ p99: 80, tput: 1100, mem: 550 });
    // Improvement, positive = better: p99 (100 - 80) / 100 = 0.2; tput (1100 - 1000) / 1000 = 0.1;
    // mem (500 - 550) / 500 = -0.1; the score's is minus the score: 0.1.
    expect(score.improvement?.perMetric).toEqual({ p99: 0.2, tput: 0.1, mem: -0.1 });
    expect(score.improvement?.score).toBeCloseTo(0.1, 12);
    // Noise: each repeat scored on its own against the same baseline:
    //   r1 (80, 1100, 550): -0.1 (as above)
    //   r2 (90, 1000, 500): (2 * -0.1 + 0 + 0) / 4 = -0.05
    //   r3 (70, 1200, 600): (2 * -0.3 - 0.2 + 0.2) / 4 = -0.15
    //   mean -0.1; squares 0 + 0.0025 + 0.0025 = 0.005; sd sqrt(0.005 / 2) = 0.05
    expect(score.noise?.count).toBe(3);
    expect(score.noise?.sd).toBeCloseTo(0.05, 12);
  });

  it('gives the baseline itself a composite score of 0, and no improvement over itself', () => {
    const baselineRepeats = repeatsOf({ p99: 100, tput: 1000, mem: 500 }, { p99: 110, tput: 900, mem: 520 }, { p99: 90, tput: 1100, mem: 480 });
    const baseline = aggregateRepeats(baselineRepeats, 'median').metrics;
    const score = scored(composite, baselineRepeats, baseline);
    expect(score.value).toBe(0);
    expect(score.improvement).toEqual({ perMetric: { p99: 0, tput: 0, mem: 0 }, score: 0 });
  });

  it('refuses, with the reason, a composite with no baseline, a baseline without a metric, and a baseline that measured a metric as 0', () => {
    const repeats = repeatsOf({ p99: 80, tput: 1100, mem: 550 });
    expect(reasonOf(composite, repeats)).toBe("a composite score is relative to the baseline's measurement, and none was given");
    expect(reasonOf(composite, repeats, { p99: 100, tput: 1000 })).toBe('the baseline\'s measurement has no metric "mem", which the composite score is relative to');
    expect(reasonOf(composite, repeats, { ...compositeBaseline, tput: 0 })).toBe(
      'the baseline measured the composite\'s metric "tput" as 0: a relative change from 0 is undefined; bound such a metric with a constraint ({metric: "tput", max: ...}) instead of scoring it',
    );
  });

  it('weighs constraint violations by relative excess, absolute for a bound of 0', () => {
    const objectives = objectivesOf({
      objective: { metric: 'p99', direction: 'minimize' },
      constraints: [
        { metric: 'mem', max: 512 },
        { metric: 'cpu', min: 0.5 },
        { metric: 'errors', max: 0 },
        { metric: 'lat', min: 1, max: 10 },
        { metric: 'skew', min: 0 },
      ],
    });
    // mem 550 > 512:     (550 - 512) / 512 = 38 / 512 = 0.07421875
    // cpu 0.4 < 0.5:     (0.5 - 0.4) / 0.5 = 0.2
    // errors 3 > 0:      the bound is 0, so the excess is absolute: 3 - 0 = 3
    // lat 5 in [1, 10]:  no violation
    // skew -2 < 0:       absolute again: 0 - (-2) = 2
    // violation = 0.07421875 + 0.2 + 3 + 2 = 5.27421875
    const score = scored(objectives, repeatsOf({ p99: 7, mem: 550, cpu: 0.4, errors: 3, lat: 5, skew: -2 }));
    expect(score.feasible).toBe(false);
    expect(score.violation).toBeCloseTo(5.27421875, 12);
    expect(score.violations).toEqual([
      { metric: 'mem', bound: 'max', limit: 512, value: 550, excess: 0.07421875 },
      { metric: 'cpu', bound: 'min', limit: 0.5, value: 0.4, excess: expect.closeTo(0.2, 12) },
      { metric: 'errors', bound: 'max', limit: 0, value: 3, excess: 3 },
      { metric: 'skew', bound: 'min', limit: 0, value: -2, excess: 2 },
    ]);
    // Signed slack per constraint, in order: lat's range takes its nearer side, (1 - 5) / 1 = -4 vs (5 - 10) / 10 = -0.5.
    expect(score.constraints).toEqual([0.07421875, expect.closeTo(0.2, 12), 3, -0.5, 2]);
    // The objective is scored all the same: strategies rank infeasible trials, they do not lose them.
    expect(score.loss).toBe(7);
    const within = scored(objectives, repeatsOf({ p99: 7, mem: 512, cpu: 0.5, errors: 0, lat: 10, skew: 0 }));
    expect([within.feasible, within.violation, within.violations]).toEqual([true, 0, []]);
  });

  it('gives a Pareto study one loss per objective, oriented for minimisation, and each improvement but no single score', () => {
    const objectives = objectivesOf({ objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'tput', direction: 'maximize' }], baseline: true });
    const score = scored(objectives, repeatsOf({ p99: 80, tput: 1100 }), { p99: 100, tput: 1000 });
    // losses: p99 80 as is; tput maximised: -1100.
    expect(score.losses).toEqual([80, -1100]);
    expect([score.value, score.loss, score.noise]).toEqual([undefined, undefined, undefined]);
    // improvements: p99 (100 - 80) / 100 = 0.2; tput (1100 - 1000) / 1000 = 0.1.
    expect(score.improvement).toEqual({ perMetric: { p99: 0.2, tput: 0.1 } });
  });

  it("measures a single objective's improvement over its baseline, and leaves it out when the baseline measured 0", () => {
    const latency = objectivesOf({ objective: { metric: 'latency', direction: 'minimize' }, baseline: true });
    // (200 - 150) / 200 = 0.25: 25% better.
    expect(scored(latency, repeatsOf({ latency: 150 }), { latency: 200 }).improvement).toEqual({ perMetric: { latency: 0.25 }, score: 0.25 });
    const tput = objectivesOf({ objective: { metric: 'tput', direction: 'maximize' }, baseline: true });
    // (90 - 120) / 120 = -0.25: 25% worse.
    expect(scored(tput, repeatsOf({ tput: 90 }), { tput: 120 }).improvement).toEqual({ perMetric: { tput: -0.25 }, score: -0.25 });
    expect(scored(tput, repeatsOf({ tput: 90 }), { tput: 0 }).improvement).toEqual({ perMetric: {} });
  });

  it('fails, with the reason, when nothing was counted or a needed metric is missing from every counted repeat', () => {
    const objectives = objectivesOf({ objective: { direction: 'minimize' }, constraints: [{ metric: 'mem', max: 1 }] });
    expect(reasonOf(objectives, [])).toBe('no measurement to score');
    expect(reasonOf(objectives, [warmup({ value: 1, mem: 0 }), warmup({ value: 1, mem: 0 })])).toBe('no measurement to score: all 2 were warm-ups');
    expect(reasonOf(objectives, [warmup({ value: 1 }), ...repeatsOf({ a: 1, mem: 0 }, { b: 2 })])).toBe('the objective metric "value" is missing from the reported metrics (got: "a", "mem", "b")');
    expect(reasonOf(objectives, repeatsOf({ value: 1 }))).toBe('the constraint\'s metric "mem" is missing from the reported metrics (got: "value")');
    expect(reasonOf(composite, repeatsOf({ p99: 1, tput: 1 }), compositeBaseline)).toBe('the composite\'s metric "mem" is missing from the reported metrics (got: "p99", "tput")');
  });

  it('scores a metric missing from some repeats over the others, and says so in its count', () => {
    const objectives = objectivesOf({ objective: { direction: 'minimize' }, measurement: { repeats: 3 } });
    // value: 1 and 3 (the second repeat has none) -> median 2, count 2.
    const score = scored(objectives, repeatsOf({ value: 1 }, { other: 9 }, { value: 3 }));
    expect([score.value, score.noise]).toEqual([2, { sd: Math.SQRT2, count: 2 }]);
  });

  it('is recomputable: the same stored raw metrics, read back from JSON, give the same score', () => {
    const repeats = [warmup({ p99: 500, tput: 1, mem: 9 }), ...repeatsOf({ p99: 81.3, tput: 1103.7, mem: 551.1 }, { p99: 79.9, tput: 998.2, mem: 502.4 })];
    const first = scoreTrial(composite, repeats, compositeBaseline);
    const stored = JSON.parse(JSON.stringify({ repeats, baseline: compositeBaseline })) as { repeats: RepeatMeasurement[]; baseline: Record<string, number> };
    expect(scoreTrial(composite, stored.repeats, stored.baseline)).toStrictEqual(first);
  });
});
