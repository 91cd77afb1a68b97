/** What a module target's `report` takes: one number (the study's objective metric) or named numbers. */
export type StepMetrics = number | Readonly<Record<string, number>>;

/**
 * The second argument of a module target's `evaluate(params, context)`;
 * objectives written for `evaluate(params)` simply ignore it.
 */
export interface EvaluationContext {
  /**
   * Reports an intermediate value of the running evaluation: `step` a whole
   * number ≥ 0, strictly rising within the evaluation (an epoch, a second, a
   * request count); `metrics` a finite number, taken as the study's objective
   * metric, or an object of finite numbers. Returns nothing and never throws:
   * a report that breaks these rules is ignored, and the worker's log and the
   * trial's note say why. The study's pruner may then cancel the trial, which
   * aborts `signal`.
   */
  readonly report: (step: number, metrics: StepMetrics) => void;
  /**
   * Aborted when the trial is cancelled (its study stopped, its pruner decided)
   * or the worker shuts down: stop and return (or throw) soon; an evaluation
   * still running a moment later has its process killed. Its result is not used.
   */
  readonly signal: AbortSignal;
}

/** A context that reports nowhere and is never aborted: for evaluations outside a worker (`attune optimize`). */
export function detachedEvaluationContext(): EvaluationContext {
  return { report: () => undefined, signal: new AbortController().signal };
}
