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
