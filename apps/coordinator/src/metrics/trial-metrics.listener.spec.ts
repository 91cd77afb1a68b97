import type { StudyEvent } from '@attune/core/events/study-event';
import type { StudyRepository } from '@attune/persistence/repositories/study.repository';
import type { TrialRepository, TrialTimes } from '@attune/persistence/repositories/trial.repository';
import { COORDINATOR_METRICS as M } from '@attune/telemetry/metric-names';
import { metricCollector, type CollectedPoint } from '@attune/telemetry/testing/metric-collector';
import { describe, expect, it } from 'vitest';
import { StudyEventBus } from '../events/study-event-bus.service';
import { MAX_BEST_VALUES } from './trial-metrics';
import { TrialMetricsListener } from './trial-metrics.listener';

const STUDY_A = '00000000-0000-4000-8000-00000000000a';
const STUDY_B = '00000000-0000-4000-8000-00000000000b';
const TARGETS: Record<string, string> = { [STUDY_A]: 'branin', [STUDY_B]: 'flaky' };
const ME = 'coordinator-1';

function trialId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A listener on a real bus, over repositories that answer from memory, recording on a collector's meter. */
function setup(times: Map<string, TrialTimes> = new Map()) {
  const bus = new StudyEventBus();
  const collector = metricCollector();
  const reads = { studies: 0, times: 0 };
  const studies = { findById: async (id: string) => (reads.studies++, TARGETS[id] ? { spec: { target: TARGETS[id] } } : undefined) } as unknown as StudyRepository;
  const trials = { timesOf: async (ids: string[]) => (reads.times++, new Map(ids.flatMap((id) => (times.has(id) ? [[id, times.get(id)!] as const] : [])))) } as unknown as TrialRepository;
  const listener = new TrialMetricsListener(bus, studies, trials, ME, collector.meter);
  listener.onModuleInit();
  let seq = 0;
  const publish = (studyId: string, event: StudyEvent, origin = ME) => bus.publish({ studyId, seq: ++seq, event, origin, createdAt: new Date() });
  return { collector, listener, publish, reads };
}

function valueOf(points: CollectedPoint[] | undefined, attributes: Record<string, string>): number | undefined {
  return points?.find((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v))?.value;
}

describe('TrialMetricsListener', () => {
  it('counts a pruned trial once, as PRUNED: its trial-pruned event is not an end of its own', async () => {
    const { collector, listener, publish } = setup();
    publish(STUDY_A, { kind: 'trial-pruned', trialId: trialId(9), number: 0, step: 3, value: 2, reason: 'pruned at step 3 by median: worse' });
    publish(STUDY_A, { kind: 'trial-finished', trialId: trialId(9), number: 0, state: 'PRUNED', metrics: { value: 2 }, error: 'pruned at step 3 by median: worse' });
    await listener.settled();
    const finished = (await collector.collect()).get(M.trialsFinished.name)!;
    expect(finished.map((p) => [p.attributes.outcome, p.value])).toEqual([['PRUNED', 1]]);
  });

  it('counts the starts and ends this coordinator wrote, by study, target and outcome', async () => {
    const { collector, listener, publish } = setup();
    publish(STUDY_A, { kind: 'trial-started', trialId: trialId(1), number: 0 });
    publish(STUDY_A, { kind: 'trial-started', trialId: trialId(2), number: 1 });
    publish(STUDY_A, { kind: 'trial-finished', trialId: trialId(1), number: 0, state: 'COMPLETE', value: 3 });
    publish(STUDY_A, { kind: 'trial-finished', trialId: trialId(2), number: 1, state: 'FAILED', error: 'exit 1' });
    publish(STUDY_B, { kind: 'trial-finished', trialId: trialId(3), number: 0, state: 'TIMED_OUT', error: 'late' });
    publish(STUDY_B, { kind: 'trial-finished', trialId: trialId(4), number: 1, state: 'PRUNED' });
    // Another coordinator's events are its to count: the sum over coordinators counts each trial once.
    publish(STUDY_B, { kind: 'trial-started', trialId: trialId(5), number: 2 }, 'coordinator-2');
    publish(STUDY_B, { kind: 'trial-finished', trialId: trialId(5), number: 2, state: 'COMPLETE', value: 1 }, 'coordinator-2');
    await listener.settled();

    const metrics = await collector.collect();
    const started = metrics.get(M.trialsStarted.name)!;
    expect(started).toHaveLength(1);
    expect(valueOf(started, { study_id: STUDY_A, target: 'branin' })).toBe(2);
    const finished = metrics.get(M.trialsFinished.name)!;
    expect(finished.map((p) => [p.attributes.study_id, p.attributes.target, p.attributes.outcome, p.value])).toEqual(
      expect.arrayContaining([
        [STUDY_A, 'branin', 'COMPLETE', 1],
        [STUDY_A, 'branin', 'FAILED', 1],
        [STUDY_B, 'flaky', 'TIMED_OUT', 1],
        [STUDY_B, 'flaky', 'PRUNED', 1],
      ]),
    );
    expect(finished).toHaveLength(4);
  });

  it("times each ended trial from its row: queue wait from creation to start, evaluation from start to end", async () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const times = new Map<string, TrialTimes>([
      [trialId(1), { createdAt: at(0), startedAt: at(2), endedAt: at(12) }],
      [trialId(2), { createdAt: at(0), startedAt: at(4), endedAt: at(5) }],
      // Failed while still QUEUED (no worker): neither time exists.
      [trialId(3), { createdAt: at(0), endedAt: at(300) }],
    ]);
    const { collector, listener, publish, reads } = setup(times);
    publish(STUDY_A, { kind: 'trial-finished', trialId: trialId(1), number: 0, state: 'COMPLETE', value: 3 });
    publish(STUDY_A, { kind: 'trial-finished', trialId: trialId(2), number: 1, state: 'COMPLETE', value: 2 });
    publish(STUDY_A, { kind: 'trial-finished', trialId: trialId(3), number: 2, state: 'FAILED', error: 'no worker' });
    await listener.settled();

    const metrics = await collector.collect();
    const [duration] = metrics.get(M.evaluationDuration.name)!;
    expect(duration).toMatchObject({ attributes: { target: 'branin', outcome: 'COMPLETE' }, count: 2, sum: 11 });
    expect(metrics.get(M.evaluationDuration.name)).toHaveLength(1);
    expect(metrics.get(M.queueWait.name)).toEqual([expect.objectContaining({ attributes: { target: 'branin' }, count: 2, sum: 6 })]);
    // A burst of ends is one read of their times, and a study's target is read once.
    expect(reads).toEqual({ studies: 1, times: 1 });
  });

  it("reports each study's latest best value, whichever coordinator wrote it", async () => {
    const { collector, publish } = setup();
    publish(STUDY_A, { kind: 'new-best', trialId: trialId(1), number: 0, value: 10, params: { x: 1 } });
    publish(STUDY_A, { kind: 'new-best', trialId: trialId(2), number: 3, value: 4.5, params: { x: 2 } }, 'coordinator-2');
    publish(STUDY_B, { kind: 'new-best', trialId: trialId(3), number: 0, value: -2, params: { x: 3 } });
    const best = (await collector.collect()).get(M.bestValue.name);
    expect(best?.map((p) => [p.attributes.study_id, p.value])).toEqual(expect.arrayContaining([[STUDY_A, 4.5], [STUDY_B, -2]]));
    expect(best).toHaveLength(2);
  });

  it(`keeps the best values of the ${MAX_BEST_VALUES} studies improved last`, async () => {
    const { collector, publish } = setup();
    for (let i = 0; i <= MAX_BEST_VALUES; i++) publish(trialId(1000 + i), { kind: 'new-best', trialId: trialId(1), number: 0, value: i, params: {} });
    const best = (await collector.collect()).get(M.bestValue.name)!;
    expect(best).toHaveLength(MAX_BEST_VALUES);
    expect(best.some((p) => p.attributes.study_id === trialId(1000))).toBe(false);
  });

  it('skips a study it cannot find, and still counts the rest', async () => {
    const { collector, listener, publish } = setup();
    publish(trialId(999), { kind: 'trial-started', trialId: trialId(1), number: 0 });
    publish(STUDY_A, { kind: 'trial-started', trialId: trialId(2), number: 0 });
    await listener.settled();
    expect((await collector.collect()).get(M.trialsStarted.name)?.map((p) => p.attributes.study_id)).toEqual([STUDY_A]);
  });
});
