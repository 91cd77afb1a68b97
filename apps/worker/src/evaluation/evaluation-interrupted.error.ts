/**
 * An evaluation was stopped because its AbortSignal fired, not because of the
 * trial: this worker is shutting down (the job goes back to the queue for
 * another worker, no attempt used) or the coordinator cancelled the trial (the
 * job ends, no result posted). The processor tells which by the signal's reason.
 */
export class EvaluationInterruptedError extends Error {
  constructor(message = 'evaluation interrupted: its AbortSignal fired') {
    super(message);
    this.name = 'EvaluationInterruptedError';
  }
}
