import type { Counter, Histogram, Meter, UpDownCounter } from '@opentelemetry/api';
import { instruments } from '@attune/telemetry/instruments';
import { WORKER_METRICS as M } from '@attune/telemetry/metric-names';
import type { EvaluationOutcome } from '@attune/queue/trial-result.job';

/** How a worker's evaluation ended: its result's outcome, or cancelled by the coordinator, or interrupted by a shutdown (the job goes back to the queue). */
export type WorkerEvaluationOutcome = EvaluationOutcome | 'cancelled' | 'interrupted';

/** A worker's evaluation metrics: how many ended and how, how long they took, how many run now; by target. */
export class WorkerMetrics {
  private readonly evaluations: Counter;
  private readonly duration: Histogram;
  private readonly inFlight: UpDownCounter;

  constructor(meter: Meter) {
    this.evaluations = instruments.counter(meter, M.evaluations);
    this.duration = instruments.histogram(meter, M.evaluationDuration);
    this.inFlight = instruments.upDownCounter(meter, M.evaluationsInFlight);
  }

  /**
   * An evaluation starts; call the returned function when it ends (later
   * calls do nothing). Without an outcome (a result posted before, an
   * infrastructure error BullMQ retries) it only leaves the in-flight count.
   */
  started(target: string): (outcome?: WorkerEvaluationOutcome) => void {
    const startedAt = performance.now();
    this.inFlight.add(1, { target });
    let ended = false;
    return (outcome) => {
      if (ended) return;
      ended = true;
      this.inFlight.add(-1, { target });
      if (outcome === undefined) return;
      this.evaluations.add(1, { target, outcome });
      this.duration.record((performance.now() - startedAt) / 1000, { target, outcome });
    };
  }
}
