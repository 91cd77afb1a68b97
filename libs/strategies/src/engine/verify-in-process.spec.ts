import { describe, expect, it } from 'vitest';
import { normalizeObjectives } from '@attune/core/objective/normalize-objectives';
import { parseObjectiveSpec } from '@attune/core/objective/parse-objective-spec';
import { Rng } from '@attune/core/random/rng';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import { verificationSchedule } from '@attune/core/verification/verification-schedule';
import type { Proposal, Strategy } from '../strategy';
import { runOptimization } from './in-process-study';

const space: SearchSpace = [{ name: 'x', type: 'int', min: 0, max: 10 }];

function scripted(configs: readonly Params[]): Strategy {
  let next = 0;
  return { name: 'scripted', ask: (_ctx, count): Proposal[] => configs.slice(next, (next += count)).map((params) => ({ params })) };
}

const minimizeLatency = (extra: Record<string, unknown> = {}) =>
  normalizeObjectives(parseObjectiveSpec({ objective: { metric: 'ms', direction: 'minimize' }, baseline: { params: { x: 5 } }, ...extra }));

/**
 * A system whose latency is `truth[x]` plus seeded normal noise of sd 2 ms,
 * except that each configuration's first measurement (the search's) is
 * `first[x]` when given: a lucky or unlucky draw on purpose. Logs every
 * evaluation.
 */
function noisySystem(truth: Record<number, number>, first: Record<number, number>, seed: number) {
  const rng = new Rng(seed);
  const seen = new Set<number>();
  const measured: number[] = [];
  const evaluate = (p: Params) => {
    const x = p.x as number;
    measured.push(x);
    const lucky = !seen.has(x) && first[x] !== undefined;
    seen.add(x);
    return { ms: lucky ? first[x] : truth[x] + 2 * rng.normal() };
  };
  return { measured, evaluate };
}

describe('verification in the in-process engine', () => {
  it('picks the winner by its re-measurements, not by its lucky first one, and finds its real 20% cut significant', async () => {
    // x = 1 is no better than the baseline (100 ms) but its one search measurement was 60; x = 2 really is 80.
    const s = noisySystem({ 5: 100, 1: 100, 2: 80, 3: 120 }, { 1: 60, 2: 85 }, 3);
    const result = await runOptimization({
      space,
      objectives: minimizeLatency(),
      evaluate: s.evaluate,
      strategy: scripted([{ x: 1 }, { x: 2 }, { x: 3 }]),
      seed: 11,
      trials: 4,
      verification: { top: 3, repeats: 5 },
    });
    expect(result.best).toMatchObject({ number: 1, value: 60 });
    const report = result.verification!;
    if ('problem' in report) throw new Error(report.problem);
    expect(report).toMatchObject({ winner: 2, winnerParams: { x: 2 }, significant: true, baselineTrial: 0, measured: 20, failed: 0 });
    const winner = report.candidates.find((c) => c.trial === 2)!;
    expect(winner.comparison!.improvement.estimate).toBeCloseTo(0.2, 1);
    expect(winner.comparison!.improvement.low).toBeGreaterThan(0);
    expect(winner.comparison!.improvement.low).toBeLessThan(0.2);
    expect(winner.comparison!.improvement.high).toBeGreaterThan(0.2);
    expect(winner.comparison!.p).toBeLessThan(1e-4);
    const lucky = report.candidates.find((c) => c.trial === 1)!;
    expect(lucky.significant).toBe(false);
    expect(lucky.comparison!.improvement.low).toBeLessThan(0);
  });

  it("re-measures in the seeded interleaved order of the coordinator's plan, (top + 1) × repeats times after the search", async () => {
    const s = noisySystem({ 5: 100, 1: 90, 2: 80, 3: 95, 4: 70 }, {}, 1);
    const result = await runOptimization({
      space,
      objectives: minimizeLatency(),
      evaluate: s.evaluate,
      strategy: scripted([{ x: 1 }, { x: 2 }, { x: 3 }, { x: 4 }]),
      seed: 7,
      trials: 5,
      verification: { top: 2, repeats: 4 },
    });
    // Trials 4 (x = 4) and 2 (x = 2) are the best two; the baseline is trial 0 (x = 5).
    const xOf: Record<string, number> = { baseline: 5, 4: 4, 2: 2 };
    const expected = verificationSchedule([4, 2], 4, 7).map((step) => xOf[String(step.arm)]);
    expect(s.measured.slice(5)).toEqual(expected);
    expect(expected).toHaveLength(12);
    expect(result.verification).toMatchObject({ winner: 4, significant: true });
  });

  it('reports a winner that is no better than the baseline as not significant', async () => {
    // Every configuration is the same system: 100 ms plus noise; the search's best is luck.
    const s = noisySystem({ 5: 100, 1: 100, 2: 100, 3: 100 }, {}, 5);
    const result = await runOptimization({
      space,
      objectives: minimizeLatency(),
      evaluate: s.evaluate,
      strategy: scripted([{ x: 1 }, { x: 2 }, { x: 3 }]),
      seed: 2,
      trials: 4,
      verification: { top: 3, repeats: 5 },
    });
    const report = result.verification!;
    if ('problem' in report) throw new Error(report.problem);
    expect(report.winner).toBeDefined();
    expect(report.significant).toBe(false);
    for (const c of report.candidates) {
      expect(c.comparison!.p).toBeGreaterThan(0.05);
      expect(c.comparison!.improvement.low).toBeLessThan(0);
      expect(c.comparison!.improvement.high).toBeGreaterThan(0);
    }
  });

  it("takes the study's warm-ups before each re-measurement and counts only the measurement after them", async () => {
    const calls: number[] = [];
    const result = await runOptimization({
      space,
      objectives: minimizeLatency({ measurement: { repeats: 2, warmup: 1 } }),
      // A warm-up (every odd call) measures 1000 ms: were it counted, nothing would beat the baseline.
      evaluate: (p) => (calls.push(calls.length), { ms: calls.length % 2 === 1 ? 1000 : (p.x as number) * 10 + (calls.length % 3) }),
      strategy: scripted([{ x: 1 }]),
      seed: 0,
      trials: 2,
      verification: { top: 1, repeats: 3 },
    });
    // Search: 2 trials × (1 warm-up + 2 repeats); verification: 2 arms × 3 × (1 warm-up + 1).
    expect(calls).toHaveLength(6 + 12);
    expect(result.verification).toMatchObject({ winner: 1, measured: 6, failed: 0 });
    const report = result.verification as { baseline: { metrics: Record<string, number> } };
    expect(report.baseline.metrics.ms).toBeLessThan(100);
  });

  it('says why a study without a baseline cannot be verified, and measures nothing more', async () => {
    let calls = 0;
    const result = await runOptimization({
      space,
      direction: 'minimize',
      evaluate: (p) => (calls++, p.x as number),
      strategy: scripted([{ x: 1 }, { x: 2 }]),
      seed: 0,
      trials: 2,
      verification: { top: 3, repeats: 5 },
    });
    expect(calls).toBe(2);
    expect(result.verification).toEqual({ problem: expect.stringMatching(/no baseline/) });
  });

  it('counts a failed re-measurement as failed and judges the rest', async () => {
    let verifying = false;
    let failures = 0;
    const rng = new Rng(4);
    const result = await runOptimization({
      space,
      objectives: minimizeLatency(),
      evaluate: (p) => {
        if (verifying && p.x === 1 && failures++ === 0) throw new Error('flaky');
        return { ms: (p.x as number) * 10 + rng.normal() };
      },
      onTrial: (t) => void (verifying = t.number === 1),
      strategy: scripted([{ x: 1 }]),
      seed: 0,
      trials: 2,
      verification: { top: 1, repeats: 4 },
    });
    expect(result.verification).toMatchObject({ winner: 1, measured: 7, failed: 1 });
  });
});
