import type { JobKind } from '@attune/queue/job-contracts';
import { randomUUID } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { evaluationQueueName, RESULTS_QUEUE, STEPS_QUEUE } from '@attune/queue/queue-names';
import type { TrialResultJob } from '@attune/queue/trial-result.job';
import type { TrialStep, TrialStepsJob } from '@attune/queue/trial-steps.job';
import { expectEventually } from '../../../test/support/expect-eventually';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * A unique queue prefix on the machine's Redis for one test file, the coordinator's
 * side of the queues (enqueue, read results), and `dispose` that deletes every key.
 */
export class QueueFixture {
  readonly prefix = `t_${randomUUID().slice(0, 8)}`;
  readonly redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  readonly results = new Queue(RESULTS_QUEUE, { connection: this.redis, prefix: this.prefix });
  /** The queue workers post running trials' steps to. */
  readonly steps = new Queue(STEPS_QUEUE, { connection: this.redis, prefix: this.prefix });
  private readonly queues = new Map<string, Queue>();
  private readonly studyId = randomUUID();
  private trialNumber = 0;

  queue(target: string): Queue {
    let q = this.queues.get(target);
    if (!q) this.queues.set(target, (q = new Queue(evaluationQueueName(target), { connection: this.redis, prefix: this.prefix })));
    return q;
  }

  /** A valid evaluation payload for `target` (a fresh trial unless overridden). */
  payload(target: string, overrides: Partial<EvaluateTrialJob> = {}): EvaluateTrialJob {
    const trialNumber = this.trialNumber++;
    return { studyId: this.studyId, trialId: randomUUID(), trialNumber, target, params: { x: 2, y: 3 }, metric: 'value', timeoutSec: 10, ...overrides };
  }

  /** Enqueues as the coordinator does: job id = trial id. */
  async enqueue(target: string, data: unknown, opts: JobsOptions = {}): Promise<string> {
    const jobId = (data as { trialId?: string }).trialId ?? randomUUID();
    await this.queue(target).add('evaluate-trial' satisfies JobKind, data, { jobId, ...opts });
    return jobId;
  }

  async result(trialId: string, timeoutMs = 15_000): Promise<TrialResultJob> {
    let data: TrialResultJob | undefined;
    await expectEventually(async () => {
      data = (await this.results.getJob(trialId))?.data as TrialResultJob | undefined;
      if (!data) throw new Error(`no result for trial ${trialId} yet`);
    }, { timeoutMs });
    return data as TrialResultJob;
  }

  /** The steps posted of a trial so far, in step order. */
  async stepsOf(trialId: string): Promise<TrialStep[]> {
    const jobs = await this.steps.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    return jobs
      .map((j) => j.data as TrialStepsJob)
      .filter((d) => d.trialId === trialId)
      .flatMap((d) => d.steps)
      .sort((a, b) => a.step - b.step);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.queues.values(), this.results, this.steps].map((q) => q.close()));
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await this.redis.quit();
  }
}
