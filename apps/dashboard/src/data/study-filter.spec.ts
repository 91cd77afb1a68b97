import type { StudySummary } from '@attune/core/api/responses';
import { describe, expect, it } from 'vitest';
import { filterStudies, improvementOf, progressOf } from './study-filter';

const counts = { total: 10, queued: 1, running: 2, complete: 5, failed: 1, pruned: 0, timedOut: 1, cancelled: 0 };
const study = (name: string, state: StudySummary['state'], extra: Partial<StudySummary> = {}): StudySummary => ({
  id: `id-${name}`,
  name,
  project: 'default',
  target: 'svc',
  state,
  metric: 'p99',
  direction: 'minimize',
  objective: 'minimize p99',
  objectives: { kind: 'single', objectives: [{ metric: 'p99', direction: 'minimize' }], measurement: { repeats: 1, warmup: 0, aggregate: 'median' } },
  strategy: { name: 'bayesian', seed: 1, options: {} },
  budget: { maxTrials: 20, parallelism: 2, trialTimeoutSec: 60 },
  parameters: [],
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  trials: counts,
  ...extra,
});

describe('studies list', () => {
  const studies = [study('nginx workers', 'RUNNING'), study('postgres buffers', 'COMPLETE'), study('nginx gzip', 'STOPPED')];

  it('filters by state and by every word of the search, in any case', () => {
    expect(filterStudies(studies, { search: '' }).map((s) => s.name)).toEqual(['nginx workers', 'postgres buffers', 'nginx gzip']);
    expect(filterStudies(studies, { search: 'NGINX' }).map((s) => s.name)).toEqual(['nginx workers', 'nginx gzip']);
    expect(filterStudies(studies, { search: 'nginx gz' }).map((s) => s.name)).toEqual(['nginx gzip']);
    expect(filterStudies(studies, { state: 'RUNNING', search: 'nginx' }).map((s) => s.name)).toEqual(['nginx workers']);
    expect(filterStudies(studies, { state: 'FAILED', search: '' })).toEqual([]);
  });

  it('counts progress by the trials that will not run any more', () => {
    expect(progressOf(studies[0])).toBeCloseTo(7 / 20);
    expect(progressOf(study('x', 'RUNNING', { budget: { maxTrials: 5, parallelism: 1, trialTimeoutSec: 1 } }))).toBe(1);
  });

  it('reads the improvement of the best trial: its score, else its metric', () => {
    expect(improvementOf(studies[0])).toBeUndefined();
    expect(improvementOf(study('a', 'RUNNING', { best: { number: 3, params: {}, improvement: { perMetric: { p99: 0.2 } } } }))).toBe(0.2);
    expect(improvementOf(study('b', 'RUNNING', { best: { number: 3, params: {}, improvement: { perMetric: { p99: 0.2 }, score: 0.3 } } }))).toBe(0.3);
  });
});
