import { trace } from '@opentelemetry/api';
import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import type { TrialResultJob } from '@attune/queue/trial-result.job';
import { inJobSpan, recordOutcome } from '@attune/telemetry/in-span';
import { paramAttributes, trialAttributes } from '@attune/telemetry/trial-attributes';

const tracer = trace.getTracer('attune-worker');

/**
 * Runs one evaluation inside a span `evaluate <target>`: the job's span,
 * which bullmq-otel makes a child of the coordinator's enqueue (one trace per
 * trial), renamed. It carries the parameters, and once done the outcome and
 * metrics; a failure or a timeout sets error status with its reason. Called
 * only from the evaluation processor, where the job's span is the active one.
 */
export function withEvaluationSpan(job: EvaluateTrialJob, run: () => Promise<TrialResultJob>): Promise<TrialResultJob> {
  const attributes = {
    ...trialAttributes({ studyId: job.studyId, trialId: job.trialId, trialNumber: job.trialNumber, target: job.target }),
    ...paramAttributes(job.params),
    ...(job.verification && { 'attune.verification_id': job.verification.id }),
  };
  return inJobSpan(tracer, `evaluate ${job.target}`, { attributes }, run, recordOutcome);
}
