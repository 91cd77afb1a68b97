/**
 * Job ids, set in one place: one evaluation job and one result job per trial,
 * so a retried enqueue or a re-posted result is deduplicated by BullMQ.
 */
export function jobIdForTrial(trialId: string): string {
  return trialId;
}
