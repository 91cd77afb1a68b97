/** What BullMQ writes as the failure of a job whose workers kept dying (maxStalledCount exceeded). */
export const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

/**
 * A trial's error for its evaluation job's failure reason. A job that stalled
 * too often lost every worker that took it (killed, out of memory, a target
 * that killed its worker): it says so, and that it is not retried again.
 */
export function describeEvaluationJobFailure(failedReason: string): string {
  if (failedReason === STALLED_TOO_OFTEN) {
    return `worker died while evaluating: every worker that took this trial died or lost its lock before finishing it, so it is not retried again (${STALLED_TOO_OFTEN})`;
  }
  return `evaluation job failed: ${failedReason}`;
}
