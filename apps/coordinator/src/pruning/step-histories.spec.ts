import type { MetricStep, TrialStepState } from '@attune/persistence/records/trial-step.record';
import type { StepStatesQuery, TrialStepRepository } from '@attune/persistence/repositories/trial-step.repository';
import { describe, expect, it } from 'vitest';
import { StudyReleases } from '../driver/study-releases.service';
import { StepHistories } from './step-histories.service';

/** A repository over rows in memory that records what each refresh asked for. */
function fakeSteps() {
  const trials: TrialStepState[] = [];
  const steps: (MetricStep & { metrics: Record<string, number> })[] = [];
  const calls: string[] = [];
  const repo = {
    allStates: async () => (calls.push('allStates'), trials.map((t) => ({ ...t }))),
    states: async (_: string, q: StepStatesQuery) => (calls.push(`states pending=${q.numbers} from=${q.from}`), trials.filter((t) => q.numbers.includes(t.number) || t.number >= q.from).map((t) => ({ ...t }))),
    metricSteps: async (after: readonly { trialId: string; step: number }[]) => {
      calls.push(`metricSteps ${after.map((a) => `${a.trialId}>${a.step}`).join(',')}`);
      return steps.filter((s) => after.some((a) => a.trialId === s.trialId && s.step > a.step)).map(({ trialId, step, value }) => ({ trialId, step, value }));
    },
  };
  /** Stores a step as any coordinator would (the trial's count goes up). */
  const store = (trialId: string, step: number, value: number) => {
    steps.push({ trialId, step, value, metrics: { loss: value } });
    (trials.find((t) => t.id === trialId) as { stepCount: number }).stepCount += 1;
  };
  return { repo: repo as unknown as TrialStepRepository, trials, calls, store };
}

const objective = { metric: 'loss', direction: 'minimize' as const };

describe('StepHistories', () => {
  it('reads a study\'s steps once, then only the trial rows that may change and the steps it lacks', async () => {
    const { repo, trials, calls, store } = fakeSteps();
    trials.push({ id: 'a', number: 0, state: 'COMPLETE', value: 1, stepCount: 0 }, { id: 'b', number: 1, state: 'RUNNING', stepCount: 0 });
    store('a', 0, 2);
    store('a', 1, 1);
    const histories = new StepHistories(repo, new StudyReleases());
    await histories.refreshed('s', objective);
    expect(calls.splice(0)).toEqual(['allStates', 'metricSteps a>-1']);

    // This coordinator stored trial b's step: the copy has it, nothing is read but b's row.
    store('b', 0, 5);
    histories.addStored('s', 'b', [{ step: 0, metrics: { loss: 5 }, reportedAt: new Date() }]);
    const copy = await histories.refreshed('s', objective);
    expect(calls.splice(0)).toEqual(['states pending=1 from=2']);
    expect(copy.contextAt('b', 0, 0)?.others).toEqual([{ number: 0, state: 'COMPLETE', loss: 1, steps: [{ step: 0, loss: 2 }, { step: 1, loss: 1 }] }]);

    // Another coordinator stored b's next step, and a new trial c began: each read from where the copy stands.
    store('b', 1, 4);
    trials.push({ id: 'c', number: 2, state: 'RUNNING', stepCount: 0 });
    store('c', 0, 3);
    await histories.refreshed('s', objective);
    expect(calls.splice(0)).toEqual(['states pending=1 from=2', 'metricSteps b>0,c>-1']);
    expect(copy.contextAt('b', 1, 0)?.trial.steps).toEqual([{ step: 0, loss: 5 }, { step: 1, loss: 4 }]);
  });

  it('drops the copy of a study that ended', async () => {
    const { repo } = fakeSteps();
    const releases = new StudyReleases();
    const histories = new StepHistories(repo, releases);
    await histories.refreshed('s', objective);
    await histories.refreshed('t', objective);
    releases.retainOnly(new Set(['t']));
    expect(histories.cachedStudies()).toEqual(['t']);
  });
});
