import { UnrecoverableError, WaitingError, type Job, type Processor } from 'bullmq';
import { parseJob } from '@attune/queue/job-contracts';
import type { EvaluationOutcome } from '@attune/queue/trial-result.job';
import { EvaluationInterruptedError } from '../evaluation/evaluation-interrupted.error';
import type { EvaluateTrialService } from '../evaluation/evaluate-trial.service';
import type { WorkerMetrics } from '../metrics/worker-metrics';
import { recordQueueWait } from './queue-wait-span';
import { SHUTDOWN_REASON, type TrialCancellations } from './trial-cancellations';

/**
 * What an evaluation job completes with; `skipped` when a result had already
 * been posted, `cancelled` (the reason) when the coordinator cancelled the trial.
 */
export type EvaluateTrialReturn = { readonly outcome: EvaluationOutcome } | { readonly skipped: true } | { readonly cancelled: string };

/**
 * The processor of one target's evaluation queue: parse the payload (a bad
 * one fails at once, without retries), call the service. A shutdown puts the
 * job back in `wait` for another worker without using an attempt; a
 * cancellation ends the job at once, posting no result (the coordinator has
 * recorded the trial's end already); any other error is BullMQ's to retry.
 */
export function createEvaluateTrialProcessor(
  target: string,
  service: EvaluateTrialService,
  cancellations: TrialCancellations,
  metrics?: WorkerMetrics,
): Processor<unknown, EvaluateTrialReturn> {
  return async (job: Job<unknown, EvaluateTrialReturn>, token?: string, signal?: AbortSignal) => {
    const parsed = parseJob('evaluate-trial', job.data);
    if (!parsed.ok) throw new UnrecoverableError(`invalid evaluation job payload: ${parsed.problems}`);
    if (parsed.data.target !== target) {
      throw new UnrecoverableError(`job for target "${parsed.data.target}" arrived on the queue of target "${target}"`);
    }
    recordQueueWait(job, parsed.data);
    const cancelledBefore = cancellations.cancelledBefore(parsed.data.trialId);
    if (cancelledBefore !== undefined) return { cancelled: cancelledBefore };
    const ended = metrics?.started(target);
    try {
      const result = await service.evaluate(parsed.data, signal);
      if (result) ended?.(result.outcome);
      return result ? { outcome: result.outcome } : { skipped: true };
    } catch (e) {
      if (!(e instanceof EvaluationInterruptedError)) throw e;
      ended?.(signal?.reason === SHUTDOWN_REASON ? 'interrupted' : 'cancelled');
      if (signal?.reason !== SHUTDOWN_REASON) return { cancelled: String(signal?.reason) };
      if (!token) throw e;
      await job.moveToWait(token);
      throw new WaitingError();
    } finally {
      ended?.();
    }
  };
}
