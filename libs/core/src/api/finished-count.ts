import type { TrialCounts } from './trial-counts.schema';

/** Trials that will not run any more. Apart from the schema so that the dashboard's bundle can use it without zod. */
export function finishedCount(t: TrialCounts): number {
  return t.complete + t.failed + t.pruned + t.timedOut + t.cancelled;
}
