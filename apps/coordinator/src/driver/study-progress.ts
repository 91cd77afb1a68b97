import type { ConvergenceRule } from '@attune/core/convergence/convergence-spec.schema';
import { studyObjectives } from '@attune/core/objective/study-objectives';
import { completeConfiguration } from '@attune/core/search-space/check-configuration';
import type { Params } from '@attune/core/search-space/parameter';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { plural } from '@attune/core/text/plural';
import { countTrials } from '@attune/persistence/mappers/trial.mapper';
import type { TrialCounts, TrialRecord } from '@attune/persistence/records/trial.record';

/** How a study ends, with the reason users read; `converged` when a convergence rule ended it. */
export interface StudyEnd {
  readonly state: 'COMPLETE' | 'FAILED';
  readonly reason: string;
  readonly converged?: { readonly rule: ConvergenceRule; readonly reason: string };
}

/** The end of a study a convergence rule stopped. */
export function convergedEnd(rule: ConvergenceRule, reason: string): StudyEnd {
  return { state: 'COMPLETE', reason: `converged (${rule}): ${reason}`, converged: { rule, reason } };
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

/** What the baseline asks of the driver before the strategy may propose. */
export type BaselineStep =
  | { readonly kind: 'measure'; readonly params: Params }
  | { readonly kind: 'wait' }
  | { readonly kind: 'end'; readonly end: StudyEnd }
  | { readonly kind: 'done' };

/**
 * The baseline is measured first, alone: it is the first trial of a study
 * that has one (after any warm-start copies), with the same repeats as any trial, and the strategy proposes only
 * once it has ended, so that every later trial's improvement (and a
 * composite's score, which is relative to it) is known when its result is
 * ingested. A composite study whose baseline failed cannot score anything:
 * it FAILS with the baseline's reason; any other study carries on without
 * improvements.
 */
export function baselineStep(spec: StudySpec, history: readonly TrialRecord[]): BaselineStep {
  if (spec.baseline === undefined) return { kind: 'done' };
  const trial = history.find((t) => t.origin === 'baseline');
  // Whatever came before it (a warm start's copies, trials enqueued at once), the baseline is measured before the strategy's first proposal.
  if (!trial) return { kind: 'measure', params: completeConfiguration(spec.parameters, spec.baseline === true ? {} : spec.baseline.params) };
  if (trial.state === 'QUEUED' || trial.state === 'RUNNING') return { kind: 'wait' };
  if (trial.state !== 'COMPLETE' && studyObjectives(spec).kind === 'composite') {
    const why = trial.error ?? `it ended ${trial.state}`;
    return { kind: 'end', end: { state: 'FAILED', reason: `the baseline (trial ${trial.number}) was not measured, and a composite score is relative to it: ${why}` } };
  }
  return { kind: 'done' };
}

/** The trials that use up budget: all but those a warm start copied from earlier studies (they were measured there). */
export function budgetCounts(history: readonly TrialRecord[]): TrialCounts {
  return countTrials(history.filter((t) => t.origin !== 'warm-start'));
}
