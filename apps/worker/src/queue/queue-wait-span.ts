import { context, propagation, trace, type Context } from '@opentelemetry/api';
import type { Job } from 'bullmq';
import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { trialAttributes } from '@attune/telemetry/trial-attributes';

const tracer = trace.getTracer('attune-worker');

/**
 * Records how long a trial's job waited in its queue: a span `queue-wait`
 * from the job's creation to the moment a worker took it, in the trial's
 * trace, a child of the coordinator's enqueue (the context the job carries),
 * with `attune.queue.wait_ms`. Only the first attempt's: a retry waited for
 * its backoff, not for a worker, and its job's creation time is long past.
 */
export function recordQueueWait(job: Pick<Job, 'timestamp' | 'processedOn' | 'attemptsStarted' | 'opts'>, payload: EvaluateTrialJob): void {
  if (job.attemptsStarted > 1) return;
  const takenAt = job.processedOn ?? Date.now();
  const attributes = {
    ...trialAttributes({ studyId: payload.studyId, trialId: payload.trialId, trialNumber: payload.trialNumber, target: payload.target }),
    'attune.queue.wait_ms': Math.max(0, takenAt - job.timestamp),
  };
  tracer.startSpan('queue-wait', { startTime: job.timestamp, attributes }, enqueueContext(job.opts.telemetry?.metadata)).end(takenAt);
}

/** The enqueue's context as bullmq-otel stored it (JSON of the W3C headers); the active one when absent or unreadable. */
function enqueueContext(metadata: string | undefined): Context {
  if (!metadata) return context.active();
  try {
    return propagation.extract(context.active(), JSON.parse(metadata) as Record<string, string>);
  } catch {
    return context.active();
  }
}
