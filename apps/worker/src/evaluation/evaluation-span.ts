import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import type { TrialResultJob } from '@attune/queue/trial-result.job';

const tracer = trace.getTracer('attune-worker');

/**
 * Runs one evaluation inside a span `evaluate <target>`. Started in the
 * processor, it is a child of BullMQ's `process` span, which bullmq-otel makes
 * a child of the coordinator's enqueue: one trace per trial.
 */
export function withEvaluationSpan(job: EvaluateTrialJob, run: () => Promise<TrialResultJob>): Promise<TrialResultJob> {
  const attributes = {
    'attune.study_id': job.studyId,
    'attune.trial_id': job.trialId,
    'attune.trial_number': job.trialNumber,
    'attune.target': job.target,
  };
  return tracer.startActiveSpan(`evaluate ${job.target}`, { attributes }, async (span: Span) => {
    try {
      const result = await run();
      span.setAttribute('attune.outcome', result.outcome);
      if (result.outcome !== 'COMPLETE') span.setStatus({ code: SpanStatusCode.ERROR, message: result.error });
      return result;
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
      throw e;
    } finally {
      span.end();
    }
  });
}
