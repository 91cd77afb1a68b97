import type { Job } from 'bullmq';
import { parseJob } from '@attune/queue/job-contracts';
import type { ResultPublisher } from '../evaluation/result-publisher';
import type { WorkerLog } from '../worker-log';

/**
 * When an evaluation job has failed for good (no attempts left, or an
 * UnrecoverableError), posts a FAILED result for its trial if the payload
 * names one, so the study does not wait forever for a trial no worker will
 * evaluate. Failures with retries left are BullMQ's business.
 */
export async function reportFinalFailure(
  job: Job | undefined,
  error: Error,
  publisher: ResultPublisher,
  workerId: string,
  log: WorkerLog,
): Promise<void> {
  if (!job) return;
  const parsed = parseJob('evaluate-trial', job.data);
  try {
    if (!parsed.ok || (await job.getState()) !== 'failed') return;
    const now = new Date().toISOString();
    await publisher.publish({
      studyId: parsed.data.studyId,
      trialId: parsed.data.trialId,
      outcome: 'FAILED',
      error: `the worker could not evaluate this trial: ${error.message}`.slice(0, 4000),
      workerId,
      startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : now,
      finishedAt: now,
    });
  } catch (e) {
    log(`could not post the failure of trial ${parsed.ok ? parsed.data.trialId : job.id}: ${(e as Error).message}`, 'warn');
  }
}
