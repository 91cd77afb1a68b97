import type { JobsOptions, Queue } from 'bullmq';
import { jobIdForTrial } from '@attune/queue/job-ids';
import { TRIAL_RESULT_JOB, trialResultJobSchema, type TrialResultJob } from '@attune/queue/trial-result.job';

/**
 * Options of every result job. Results wait in the queue until the coordinator
 * consumes them, however long it is down (never removed while waiting). Once
 * consumed they are kept a week, so a re-post of the same trial's result (a
 * worker retrying after a crash) is still deduplicated by its job id, and
 * failed ingestions stay for inspection.
 */
export const RESULT_JOB_OPTIONS: Readonly<JobsOptions> = {
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
  // Ingestion retries (the coordinator's database briefly down) before the result lands in `failed`.
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
};

/** Posts TrialResults to RESULTS_QUEUE, one job per trial (job id = trial id). */
export class ResultPublisher {
  constructor(private readonly queue: Queue) {}

  /** Idempotent: a second result for the same trial is dropped by BullMQ while the first is retained. */
  async publish(result: TrialResultJob): Promise<void> {
    const payload = trialResultJobSchema.parse(result);
    await this.queue.add(TRIAL_RESULT_JOB, payload, { ...RESULT_JOB_OPTIONS, jobId: jobIdForTrial(payload.trialId) });
  }

  /** Whether a result for this trial was already posted (the evaluation job is a retry after a crash). */
  async has(trialId: string): Promise<boolean> {
    return (await this.queue.getJob(jobIdForTrial(trialId))) !== undefined;
  }
}
