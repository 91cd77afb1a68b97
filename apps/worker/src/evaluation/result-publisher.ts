import type { Queue } from 'bullmq';
import { jobToAdd } from '@attune/queue/job-contracts';
import { jobIdForTrial } from '@attune/queue/job-ids';
import type { TrialResultJob } from '@attune/queue/trial-result.job';

/** Posts TrialResults to RESULTS_QUEUE, one job per trial (job id = trial id). */
export class ResultPublisher {
  constructor(private readonly queue: Queue) {}

  /** Idempotent: a second result for the same trial is dropped by BullMQ while the first is retained. */
  async publish(result: TrialResultJob): Promise<void> {
    const job = jobToAdd('trial-result', result);
    await this.queue.add(job.name, job.data, job.opts);
  }

  /** Whether a result for this trial was already posted (the evaluation job is a retry after a crash). */
  async has(trialId: string): Promise<boolean> {
    return (await this.queue.getJob(jobIdForTrial(trialId))) !== undefined;
  }
}
