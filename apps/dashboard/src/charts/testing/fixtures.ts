import type { ComparisonJson, StudySummary, TrialRow, VerificationJson } from '@attune/core/api/responses';

/** Small hand-made studies, trials and verifications for the models' unit tests, each a complete value of its response type. */

const CREATED_AT = '2025-01-01T00:00:00.000Z';

/** A declared parameter of a study, as summaries carry it. */
export type StudyParameter = StudySummary['parameters'][number];

export function trial(number: number, fields: Partial<TrialRow> = {}): TrialRow {
  return { id: `t${number}`, studyId: 's', number, state: 'COMPLETE', params: {}, createdAt: CREATED_AT, ...fields };
}

type Objectives = StudySummary['objectives'];

/** The summary's headline: the direction and metric of `value`, absent for several objectives. */
function headline(objectives: Pick<Objectives, 'kind' | 'objectives'>): Pick<StudySummary, 'direction' | 'metric'> {
  if (objectives.kind === 'pareto') return {};
  if (objectives.kind === 'composite') return { direction: 'minimize', metric: 'score' };
  return { direction: objectives.objectives[0].direction, metric: objectives.objectives[0].metric };
}

/** The objective in one line, as the coordinator writes it. */
export function objectiveLine(objectives: Pick<Objectives, 'kind' | 'objectives'>): string {
  const terms = objectives.objectives.map((o) => `${o.direction} ${o.metric}`).join(', ');
  if (objectives.kind === 'single') return terms;
  return objectives.kind === 'composite' ? `composite score (minimize) of ${terms}` : `pareto front of ${terms}`;
}

export function study(objectives: Pick<Objectives, 'kind' | 'objectives'> & Partial<Objectives>, fields: Partial<StudySummary> = {}): StudySummary {
  return {
    id: 's',
    name: 'study',
    project: 'default',
    target: 't',
    state: 'RUNNING',
    ...headline(objectives),
    objective: objectiveLine(objectives),
    objectives: { measurement: { repeats: 1, warmup: 0, aggregate: 'median' }, ...objectives },
    strategy: { name: 'random', seed: 1, options: {} },
    budget: { maxTrials: 100, parallelism: 1, trialTimeoutSec: 60 },
    parameters: [],
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    trials: { total: 0, queued: 0, running: 0, complete: 0, failed: 0, pruned: 0, timedOut: 0, cancelled: 0 },
    ...fields,
  };
}

export const minimizeLatency = () => study({ kind: 'single', objectives: [{ metric: 'latency', direction: 'minimize' }] });
export const maximizeRps = () => study({ kind: 'single', objectives: [{ metric: 'rps', direction: 'maximize' }] });

/**
 * A candidate's comparison with the baseline, reported by Welch's t-test:
 * the improvement is what the charts read; the tests' statistics are
 * plausible for `count` re-measurements each, and no chart draws them.
 */
export function comparison(estimate: number | null, low: number | null, high: number | null, significant = true, count = 5): ComparisonJson {
  const p = significant ? 0.01 : 0.3;
  return {
    improvement: { estimate, low, high },
    welch: { t: significant ? 3.4 : 1.1, df: 2 * count - 2, p },
    rank: { u: significant ? count * count : Math.floor((count * count) / 2), p, method: 'exact' },
    test: 'welch',
    p,
    significant,
    count: { candidate: count, baseline: count },
  };
}

/** A candidate of a verification report. */
export interface CandidateFixture {
  readonly trial: number;
  readonly comparison?: ComparisonJson;
  readonly perMetric?: Record<string, ComparisonJson>;
}

/** A finished verification of these candidates against baseline trial 0, significant as its comparison is. */
export function verification(candidates: readonly CandidateFixture[], winner?: number, baselineMetrics: Record<string, number> = {}): VerificationJson {
  return {
    id: 'v',
    studyId: 's',
    state: 'COMPLETE',
    options: { repeats: 5, top: candidates.length, seed: 1 },
    progress: { taken: 1, total: 1 },
    candidates: candidates.map((c) => c.trial),
    measurements: [],
    report: {
      baseline: { metrics: baselineMetrics, spread: {} },
      winner,
      significant: true,
      baselineTrial: 0,
      measured: 10,
      failed: 0,
      candidates: candidates.map((c) => ({ trial: c.trial, ...(c.comparison && { comparison: c.comparison }), perMetric: c.perMetric ?? {}, significant: c.comparison?.significant ?? false })),
    },
    createdAt: CREATED_AT,
  };
}
