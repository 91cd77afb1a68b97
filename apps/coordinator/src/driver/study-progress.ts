import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { plural } from '@attune/core/text/plural';
import type { TrialCounts } from '@attune/persistence/records/trial.record';

/** How a study ends, with the reason users read. */
export interface StudyEnd {
  readonly state: 'COMPLETE' | 'FAILED';
  readonly reason: string;
}

/** What the driver should do next for a RUNNING study. */
export type NextStep = { readonly end: StudyEnd } | { readonly propose: number };

/**
 * Pure decision from the budget and the trial counts: keep `parallelism`
 * trials in flight, refilled in batches of at least a tenth of it (one at a
 * time up to a parallelism of 10). Failed trials (FAILED or
 * TIMED_OUT) use up budget like any other: a study evaluates at most maxTrials
 * configurations. It FAILS as soon as failures exceed maxFailedTrials, or when
 * the budget is spent without a single COMPLETE trial.
 */
export function nextStep(spec: StudySpec, counts: TrialCounts): NextStep {
  const { maxTrials, parallelism } = spec.budget;
  const maxFailed = spec.budget.maxFailedTrials ?? maxTrials;
  const failed = counts.failed + counts.timedOut;
  if (failed > maxFailed) {
    return { end: { state: 'FAILED', reason: `${plural(failed, 'trial')} failed (maxFailedTrials ${maxFailed})` } };
  }
  const pending = counts.queued + counts.running;
  const used = counts.total - counts.cancelled;
  const finished = used - pending;
  if (finished >= maxTrials) {
    if (counts.complete === 0) return { end: { state: 'FAILED', reason: finished === 1 ? 'no trial completed: the only trial failed' : `no trial completed: all ${finished} trials failed` } };
    return { end: { state: 'COMPLETE', reason: `maxTrials reached (${maxTrials})` } };
  }
  const wanted = Math.max(0, Math.min(parallelism - pending, maxTrials - used));
  // A wide study refills in batches of at least a tenth of its parallelism (or what is left of its budget):
  // fewer, larger proposals instead of one tick per finished trial, while nine tenths stay in flight.
  const batch = Math.min(Math.ceil(parallelism / REFILL_FRACTION), maxTrials - used);
  return { propose: pending === 0 || wanted >= batch ? wanted : 0 };
}

/** A study with trials in flight is refilled once 1/REFILL_FRACTION of its parallelism is free. */
const REFILL_FRACTION = 10;

/** The end of a study whose strategy has nothing left to propose and no trial pending. */
export function exhaustedEnd(counts: TrialCounts): StudyEnd {
  if (counts.complete === 0) return { state: 'FAILED', reason: 'search space exhausted without a completed trial' };
  return { state: 'COMPLETE', reason: `search space exhausted after ${plural(counts.total - counts.cancelled, 'trial')}` };
}
