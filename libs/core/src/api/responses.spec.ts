import { describe, expect, it } from 'vitest';
import { normalizeObjectives } from '../objective/normalize-objectives';
import type { ObjectiveSpec } from '../objective/objective-spec.schema';
import { scoreTrial } from '../objective/score';
import { storedScoreOf } from '../objective/stored-score';
import { Rng } from '../random/rng';
import { verificationReport, type TakenMeasurement } from '../verification/verification-report';
import { bestAnswerSchema, importanceJsonSchema, scoreSchema, trialScoreSchema, verificationReportSchema } from './responses';

/**
 * The response schemas against what libs/core itself produces, through JSON
 * as the coordinator stores and sends it: a field the producers add, or a
 * number that JSON turns into null, fails here before any coordinator runs.
 * (test/e2e/measurement-model.spec.ts checks the real API's answers, with test/e2e/api-contract.ts.)
 */

const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Re-measurements of trial 0 (the baseline) and the candidates, `metrics(trial, repeat)` each. */
function taken(trials: readonly number[], repeats: number, metrics: (trial: number, repeat: number) => Record<string, number>): { plan: { trialNumber: number; params: { x: number } }[]; taken: TakenMeasurement[] } {
  const plan = trials.flatMap((trialNumber) => Array.from({ length: repeats }, () => ({ trialNumber, params: { x: trialNumber } })));
  return { plan, taken: plan.map((p, seq) => ({ seq, trialNumber: p.trialNumber, state: 'COMPLETE', metrics: metrics(p.trialNumber, seq) })) };
}

function reportOf(spec: ObjectiveSpec, measured: ReturnType<typeof taken>) {
  return verificationReport(normalizeObjectives(spec), measured.plan, measured.taken, 0);
}

describe('the verification report schema', () => {
  const rng = new Rng(11);
  const single: ObjectiveSpec = { objective: { metric: 'p99', direction: 'minimize' }, constraints: [{ metric: 'mem', max: 100 }] };

  it('parses a verdict with noise, constraints and a winner, strictly', () => {
    const report = reportOf(single, taken([0, 1, 2], 5, (t) => ({ p99: 100 - 10 * t + rng.normal(), mem: 50 })));
    expect('problem' in report).toBe(false);
    const parsed = verificationReportSchema.parse(throughJson(report));
    expect(parsed.winner).toBe(2);
    expect(parsed.candidates[0].score?.violations).toEqual([]);
  });

  it('parses the nulls JSON makes of unbounded intervals and infinite t statistics', () => {
    // Constant samples: Welch's t is infinite. A baseline centred on 0: no relative improvement can be bounded.
    const constant = reportOf(single, taken([0, 1], 3, (t) => ({ p99: 10 - t, mem: 1 })));
    const nearZero = reportOf(single, taken([0, 1], 4, (t, r) => ({ p99: t === 0 ? [-1, 1, -2, 2][r % 4] : 5 + r, mem: 1 })));
    const constantJson = verificationReportSchema.parse(throughJson(constant));
    expect(constantJson.candidates[0].comparison?.welch.t).toBeNull();
    const nearZeroJson = verificationReportSchema.parse(throughJson(nearZero));
    expect(nearZeroJson.candidates[0].comparison?.improvement.high).toBeNull();
  });

  it('parses a Pareto verdict (a front, no winner) and a composite one', () => {
    const pareto: ObjectiveSpec = { objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] };
    const front = verificationReportSchema.parse(throughJson(reportOf(pareto, taken([0, 1, 2], 4, (t) => ({ p99: 10 + t + rng.normal(), rps: 100 + 10 * t + rng.normal() })))));
    expect(front.front).toBeDefined();
    expect(front.winner).toBeUndefined();
    const composite: ObjectiveSpec = {
      objective: { composite: [{ metric: 'p99', direction: 'minimize', weight: 2 }, { metric: 'rps', direction: 'maximize', weight: 1 }] },
      baseline: true,
    };
    const scored = verificationReportSchema.parse(throughJson(reportOf(composite, taken([0, 1], 4, (t) => ({ p99: 10 - t + rng.normal(), rps: 100 + rng.normal() })))));
    expect(scored.candidates[0].comparison).toBeDefined();
  });

  it('refuses a field it does not declare', () => {
    const report = reportOf(single, taken([0, 1], 3, (t) => ({ p99: 10 - t + rng.normal(), mem: 1 })));
    const result = verificationReportSchema.safeParse({ ...(throughJson(report) as object), extra: 1 });
    expect(result.success).toBe(false);
  });
});

describe('the score schemas', () => {
  it("parse a trial's full score and the part it stores, for constraints, Pareto losses and an improvement", () => {
    const objectives = normalizeObjectives({ objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }], constraints: [{ metric: 'mem', max: 10 }] });
    const result = scoreTrial(objectives, [{ metrics: { p99: 5, rps: 9, mem: 12 } }, { metrics: { p99: 7, rps: 8, mem: 11 } }], { p99: 10, rps: 10, mem: 5 });
    if (!result.ok) throw new Error(result.reason);
    expect(scoreSchema.parse(throughJson(result.score)).violations).toHaveLength(1);
    const stored = trialScoreSchema.parse(throughJson(storedScoreOf(result.score)));
    expect(stored).toMatchObject({ losses: [6, -8.5], constraints: [expect.any(Number)], improvement: { perMetric: { p99: 0.4, rps: -0.15 } } });
  });
});

describe('the exclusive answers', () => {
  it('take a best trial or a front, never both, and an importance or a problem', () => {
    const trial = { number: 3, params: { x: 1 } };
    expect(bestAnswerSchema.parse(trial)).toEqual(trial);
    expect(bestAnswerSchema.parse({ front: [trial] })).toEqual({ front: [trial] });
    expect(bestAnswerSchema.safeParse({ ...trial, front: [trial] }).success).toBe(false);
    expect(importanceJsonSchema.safeParse({ objective: 'p99', problem: 'too few', trials: 2 }).success).toBe(true);
    expect(importanceJsonSchema.safeParse({ objective: 'p99', problem: 'too few', trials: 2, parameters: [] }).success).toBe(false);
  });
});
