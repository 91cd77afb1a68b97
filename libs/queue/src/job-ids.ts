/**
 * Job ids, set in one place: one evaluation job and one result job per trial,
 * so a retried enqueue or a re-posted result is deduplicated by BullMQ.
 */
export function jobIdForTrial(trialId: string): string {
  return trialId;
}

/** One job per batch of a trial's steps: a re-run evaluation reporting the same steps again is deduplicated. */
export function jobIdForSteps(trialId: string, firstStep: number, lastStep: number): string {
  return `${trialId}-steps-${firstStep}-${lastStep}`;
}
