import type { StudyState, StudySummary } from '@attune/core/api/responses';
import { finishedCount } from '@attune/core/api/finished-count';

/** What the studies list is narrowed to. */
export interface StudyFilter {
  readonly state?: StudyState;
  /** Words that must all appear in the name (or the target, or the id), in any case. */
  readonly search: string;
}

/** The studies that pass the filter, in their order. */
export function filterStudies(studies: readonly StudySummary[], filter: StudyFilter): StudySummary[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  return studies.filter((s) => (!filter.state || s.state === filter.state) && words.every((w) => `${s.name} ${s.target} ${s.id}`.toLowerCase().includes(w)));
}

/** How far a study is through its trial budget, from 0 to 1. */
export function progressOf(study: StudySummary): number {
  if (study.budget.maxTrials <= 0) return 0;
  return Math.min(1, finishedCount(study.trials) / study.budget.maxTrials);
}

/** The best trial's improvement over the baseline as one fraction: the score's, or its one metric's; undefined without a baseline. */
export function improvementOf(study: StudySummary): number | undefined {
  const improvement = study.best?.improvement;
  if (!improvement) return undefined;
  if (improvement.score !== undefined) return improvement.score;
  const metric = study.metric && improvement.perMetric[study.metric];
  return typeof metric === 'number' ? metric : undefined;
}
