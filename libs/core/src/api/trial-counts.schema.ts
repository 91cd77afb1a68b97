import { z } from 'zod';
import { countSchema } from './response-primitives';

/** A study's trials per state. */
export const trialCountsSchema = z.strictObject({
  total: countSchema,
  queued: countSchema,
  running: countSchema,
  complete: countSchema,
  failed: countSchema,
  pruned: countSchema,
  timedOut: countSchema,
  cancelled: countSchema,
});
export type TrialCounts = z.output<typeof trialCountsSchema>;

/** Trials that will not run any more. */
export function finishedCount(t: TrialCounts): number {
  return t.complete + t.failed + t.pruned + t.timedOut + t.cancelled;
}
