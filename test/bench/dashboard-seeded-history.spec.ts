import { normalizeObjectives } from '@attune/core/objective/normalize-objectives';
import { scoreTrial } from '@attune/core/objective/score';
import { checkConfiguration } from '@attune/core/search-space/check-configuration';
import { parseStudySpec } from '@attune/core/spec/parse-study-spec';
import { describe, expect, it } from 'vitest';
import { singleObjectiveSpec, twoObjectiveSpec } from '../../bench/dashboard/dashboard-studies';
import { seededEvents } from '../../bench/dashboard/seeded-events';
import { seededHistory } from '../../bench/dashboard/seeded-history';

const END = new Date('2026-12-04T12:00:00Z');
const single = parseStudySpec(singleObjectiveSpec(2000));
const pareto = parseStudySpec(twoObjectiveSpec(2000));

describe('the dashboard bench: a seeded history', () => {
  it('is the baseline first, then valid configurations, about 3% failed with a reason, each COMPLETE one measured twice', () => {
    const { trials } = seededHistory(single, 2000, 1, END);
    expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(trials[0]).toMatchObject({ origin: 'baseline', state: 'COMPLETE', params: { workers: 4, cacheSizeMb: 256, compression: 'none' } });
    expect(trials.filter((t) => t.origin === 'baseline')).toHaveLength(1);
    for (const t of trials) expect(checkConfiguration(single.parameters, t.params, 'params')).toEqual([]);
    const failed = trials.filter((t) => t.state === 'FAILED');
    expect(failed.length / trials.length).toBeGreaterThan(0.02);
    expect(failed.length / trials.length).toBeLessThan(0.04);
    expect(failed.every((t) => t.error && t.measurements.length === 0 && t.value === undefined)).toBe(true);
    expect(trials.filter((t) => t.state === 'COMPLETE').every((t) => t.measurements.length === 2)).toBe(true);
  });

  it("stores what ingestion would: the value and score of scoreTrial against the baseline's metrics", () => {
    const { trials } = seededHistory(single, 300, 1, END);
    const objectives = normalizeObjectives(single);
    const baseline = trials[0].metrics!;
    const t = trials.find((x) => x.state === 'COMPLETE' && x.number > 0)!;
    const scored = scoreTrial(objectives, t.measurements, baseline);
    expect(scored.ok && scored.score.value).toBe(t.value);
    expect(t.score?.improvement?.score).toBeCloseTo((baseline.p99 - t.value!) / baseline.p99, 12);
    expect(trials[0].score?.improvement?.score).toBe(0);
    const front = seededHistory(pareto, 300, 2, END).trials.filter((x) => x.state === 'COMPLETE');
    expect(front.every((x) => x.value === undefined && x.score?.losses?.length === 2 && typeof x.feasible === 'boolean')).toBe(true);
  });

  it('lays the run on a clock ending at the given time, never more than parallelism trials in flight, the baseline alone', () => {
    const { trials, endedAt } = seededHistory(single, 500, 1, END);
    expect(endedAt).toEqual(END);
    expect(Math.max(...trials.map((t) => t.endedAt.getTime()))).toBe(END.getTime());
    for (const t of trials) expect(t.createdAt < t.startedAt && t.startedAt < t.endedAt).toBe(true);
    const inFlightAt = (ms: number) => trials.filter((t) => t.startedAt.getTime() <= ms && ms < t.endedAt.getTime()).length;
    expect(Math.max(...trials.map((t) => inFlightAt(t.startedAt.getTime())))).toBe(8);
    expect(trials.slice(1).every((t) => t.createdAt > trials[0].endedAt)).toBe(true);
  });

  it('is the same history for the same seed, and another for another', () => {
    const params = (seed: number) => seededHistory(single, 50, seed, END).trials.map((t) => t.params);
    expect(params(1)).toEqual(params(1));
    expect(params(2)).not.toEqual(params(1));
  });

  it('logs each trial started and finished, improving bests, then the end, in time order', () => {
    const { trials } = seededHistory(single, 400, 1, END);
    const events = seededEvents(trials, normalizeObjectives(single), { at: new Date(END.getTime() + 60), reason: 'maxTrials reached (400)' });
    expect(events.filter((e) => e.event.kind === 'trial-started')).toHaveLength(400);
    expect(events.filter((e) => e.event.kind === 'trial-finished')).toHaveLength(400);
    expect(events.at(-1)?.event).toEqual({ kind: 'study-ended', state: 'COMPLETE', reason: 'maxTrials reached (400)' });
    expect(events.every((e, i) => i === 0 || events[i - 1].at <= e.at)).toBe(true);
    const bests = events.flatMap((e) => (e.event.kind === 'new-best' ? [e.event.value] : []));
    expect(bests.length).toBeGreaterThan(1);
    expect(bests.every((v, i) => i === 0 || v < bests[i - 1])).toBe(true);
    const pareto400 = seededHistory(pareto, 400, 2, END).trials;
    expect(seededEvents(pareto400, normalizeObjectives(pareto), { at: END, reason: 'r' }).some((e) => e.event.kind === 'new-best')).toBe(false);
  });
});
