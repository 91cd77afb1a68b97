import type { StudySummary, TrialRow } from '@attune/core/api/responses';

/** Small hand-made studies and trials for the models' unit tests. */

export function trial(number: number, fields: Partial<TrialRow> = {}): TrialRow {
  return { id: `t${number}`, studyId: 's', number, state: 'COMPLETE', params: {}, createdAt: '2025-01-01T00:00:00.000Z', ...fields };
}

type Objectives = NonNullable<StudySummary['objectives']>;

export function study(objectives: Pick<Objectives, 'kind' | 'objectives'> & Partial<Objectives>, fields: Partial<StudySummary> = {}): StudySummary {
  const headline = objectives.kind === 'pareto' ? {} : { direction: objectives.kind === 'composite' ? ('minimize' as const) : objectives.objectives[0].direction, metric: objectives.kind === 'composite' ? 'score' : objectives.objectives[0].metric };
  return {
    id: 's',
    name: 'study',
    target: 't',
    state: 'RUNNING',
    ...headline,
    objectives: { measurement: { repeats: 1, warmup: 0, aggregate: 'median' }, ...objectives },
    strategy: { name: 'random', seed: 1, options: {} },
    budget: { maxTrials: 100, parallelism: 1, trialTimeoutSec: 60 },
    parameters: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    trials: { total: 0, queued: 0, running: 0, complete: 0, failed: 0, pruned: 0, timedOut: 0, cancelled: 0 },
    ...fields,
  };
}

export const minimizeLatency = () => study({ kind: 'single', objectives: [{ metric: 'latency', direction: 'minimize' }] });
export const maximizeRps = () => study({ kind: 'single', objectives: [{ metric: 'rps', direction: 'maximize' }] });
