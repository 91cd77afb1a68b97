import type { JobKind } from '@attune/queue/job-contracts';
import { evaluateTrialJobSchema, type EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { jobIdForTrial } from '@attune/queue/job-ids';
import { evaluationQueueName, RESULTS_QUEUE } from '@attune/queue/queue-names';
import type { TrialResultJob } from '@attune/queue/trial-result.job';
import { Queue, Worker } from 'bullmq';

/** What the fake evaluation returns: metrics (and, as a worker measuring repeats posts them, each measurement), or a failure reason. */
export type FakeOutcome = { metrics: Record<string, number>; measurements?: TrialResultJob['measurements'] } | { error: string };

export interface FakeWorkerOptions {
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly target: string;
  readonly evaluate: (job: EvaluateTrialJob) => FakeOutcome | Promise<FakeOutcome>;
  /** @default 8 */
  readonly concurrency?: number;
  /** Also post every result a second time (at-least-once delivery, seen from the coordinator). */
  readonly duplicateResults?: boolean;
}

/**
 * Plays the worker's role in coordinator tests: a real BullMQ Worker on the
 * target's evaluation queue that posts real result jobs to RESULTS_QUEUE, as
 * apps/worker does, without running any target.
 */
export class FakeEvaluationWorker {
  readonly evaluated: EvaluateTrialJob[] = [];
  /** Most evaluations of one study under way at once (from start to just before the result is posted). */
  readonly maxInFlight = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly results: Queue;
  private readonly worker: Worker;

  constructor(private readonly options: FakeWorkerOptions) {
    const connection = { url: options.redisUrl };
    this.results = new Queue(RESULTS_QUEUE, { connection, prefix: options.queuePrefix });
    this.worker = new Worker(evaluationQueueName(options.target), (job) => this.process(job.data), {
      connection: { ...connection, maxRetriesPerRequest: null },
      prefix: options.queuePrefix,
      concurrency: options.concurrency ?? 8,
    });
  }

  /** Posts a result job as a worker would (job id = trial id). */
  async postResult(result: TrialResultJob, jobId = jobIdForTrial(result.trialId)): Promise<void> {
    await this.results.add('trial-result' satisfies JobKind, result, { jobId, removeOnComplete: { age: 3600 }, removeOnFail: false, attempts: 10, backoff: { type: 'exponential', delay: 200 } });
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.results.close();
  }

  private async process(data: unknown): Promise<void> {
    const job = evaluateTrialJobSchema.parse(data);
    const startedAt = new Date().toISOString();
    this.evaluated.push(job);
    const now = (this.inFlight.get(job.studyId) ?? 0) + 1;
    this.inFlight.set(job.studyId, now);
    this.maxInFlight.set(job.studyId, Math.max(now, this.maxInFlight.get(job.studyId) ?? 0));
    let outcome: FakeOutcome;
    try {
      outcome = await this.options.evaluate(job);
    } finally {
      this.inFlight.set(job.studyId, (this.inFlight.get(job.studyId) ?? 1) - 1);
    }
    const result: TrialResultJob = {
      studyId: job.studyId,
      trialId: job.trialId,
      ...(job.verification && { verification: job.verification }),
      outcome: 'error' in outcome ? 'FAILED' : 'COMPLETE',
      ...('error' in outcome ? { error: outcome.error } : { metrics: outcome.metrics, ...(outcome.measurements && { measurements: outcome.measurements }) }),
      workerId: 'fake-worker',
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    await this.postResult(result);
    // A second copy under another job id: BullMQ cannot deduplicate it, the coordinator must.
    if (this.options.duplicateResults) await this.postResult(result, `${job.trialId}-again`);
  }
}
