/**
 * An evaluation was stopped because this worker is shutting down, not because
 * of the trial: the job goes back to the queue for another worker (no attempt used).
 */
export class EvaluationInterruptedError extends Error {
  constructor(message = 'evaluation interrupted: the worker is shutting down') {
    super(message);
    this.name = 'EvaluationInterruptedError';
  }
}
