import { trace } from '@opentelemetry/api';
import type { TrialResultJob } from '@attune/queue/trial-result.job';
import { inJobSpan, recordOutcome } from '@attune/telemetry/in-span';
import { trialAttributes } from '@attune/telemetry/trial-attributes';

const tracer = trace.getTracer('attune-coordinator');

/**
 * Runs the ingestion of one result in a span `ingest result`: the results
 * job's span, renamed, where bullmq-otel continues the context the worker
 * published the result in, so the span closes the trial's trace. Called only
 * from the results processor, where the job's span is the active one. It
 * carries the outcome, the metrics and `attune.recorded` (false: a duplicate,
 * or an unknown trial); a failed or timed-out trial sets error status with
 * its reason.
 */
export function withIngestionSpan(result: TrialResultJob, ingest: () => Promise<boolean>): Promise<boolean> {
  const attributes = {
    ...trialAttributes({ studyId: result.studyId, trialId: result.trialId }),
    ...(result.verification && { 'attune.verification_id': result.verification.id }),
    ...(result.workerId && { 'attune.worker_id': result.workerId }),
  };
  return inJobSpan(tracer, 'ingest result', { attributes }, ingest, (span, recorded) => {
    recordOutcome(span, result);
    span.setAttribute('attune.recorded', recorded);
  });
}
