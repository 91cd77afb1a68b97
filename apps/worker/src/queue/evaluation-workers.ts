import { Worker, type ConnectionOptions, type Telemetry } from 'bullmq';
import { evaluationQueueName } from '@attune/queue/queue-names';
import { throttled } from '@attune/queue/throttled';
import type { EvaluateTrialService } from '../evaluation/evaluate-trial.service';
import type { ResultPublisher } from '../evaluation/result-publisher';
import type { WorkerMetrics } from '../metrics/worker-metrics';
import { createEvaluateTrialProcessor } from './evaluate-trial.processor';
import { reportFinalFailure } from './final-failure.listener';
import { SHUTDOWN_REASON, type TrialCancellations } from './trial-cancellations';
import type { WorkerLog } from '../worker-log';

/**
 * Stalled-job settings. The lock is renewed from the main event loop every
 * lockDuration/2; evaluations run in threads and child processes, so the loop
 * stays free and a long evaluation keeps its lock (the loop may stall 4 s
 * before the lock is at risk). A worker that dies stops renewing: its lock
 * runs out 4–8 s later, the next stalled check of any worker (every
 * stalledInterval) puts the job back in `wait`, and another worker takes it
 * at once: at most lockDuration + stalledInterval = 12 s from the death to
 * the re-run (issue 7 asks under 15 s; 30 s + 30 s took 30–60). maxStalledCount 2
 * survives two such deaths (a rolling restart, a lost machine); an evaluation
 * that kills its worker every time then fails instead of taking down the fleet.
 */
export const STALLED_SETTINGS: StalledSettings = { lockDuration: 8_000, stalledInterval: 4_000, maxStalledCount: 2 };

/** BullMQ's stalled-job knobs, in milliseconds and counts. */
export interface StalledSettings {
  readonly lockDuration: number;
  readonly stalledInterval: number;
  readonly maxStalledCount: number;
}

export interface EvaluationWorkersOptions {
  readonly targets: readonly string[];
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly concurrency: number;
  readonly workerId: string;
  readonly service: EvaluateTrialService;
  readonly publisher: ResultPublisher;
  /** Where the coordinator's cancellations reach the running jobs. */
  readonly cancellations: TrialCancellations;
  readonly telemetry?: Telemetry;
  /** Where evaluations are counted and timed. */
  readonly metrics?: WorkerMetrics;
  /** Overrides of STALLED_SETTINGS (tests). */
  readonly stalled?: Partial<StalledSettings>;
  readonly log: WorkerLog;
}

/** One BullMQ Worker per declared target, on `evaluationQueueName(target)`. */
export function createEvaluationWorkers(o: EvaluationWorkersOptions): Worker[] {
  return o.targets.map((target) => {
    const worker = new Worker(evaluationQueueName(target), createEvaluateTrialProcessor(target, o.service, o.cancellations, o.metrics), {
      connection: o.connection,
      prefix: o.prefix,
      concurrency: o.concurrency,
      name: o.workerId,
      telemetry: o.telemetry,
      ...STALLED_SETTINGS,
      ...o.stalled,
    });
    worker.on('failed', (job, error) => void reportFinalFailure(job, error, o.publisher, o.workerId, o.log));
    worker.on('error', throttled((error: Error) => o.log(`queue ${evaluationQueueName(target)}: ${error.message}`, 'warn')));
    o.cancellations.attach(target, worker);
    return worker;
  });
}

/**
 * Stops taking jobs and waits for running evaluations; after `graceMs` the
 * rest are aborted (child process groups killed, threads terminated) and their
 * jobs go back to `wait` for another worker.
 */
export async function closeEvaluationWorkers(workers: readonly Worker[], graceMs: number): Promise<void> {
  const timer = setTimeout(() => workers.forEach((w) => w.cancelAllJobs(SHUTDOWN_REASON)), graceMs);
  try {
    await Promise.all(workers.map((w) => w.close()));
  } finally {
    clearTimeout(timer);
  }
}
