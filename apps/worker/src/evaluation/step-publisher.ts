import type { Queue } from 'bullmq';
import { jobToAdd } from '@attune/queue/job-contracts';
import { throttled } from '@attune/queue/throttled';
import { MAX_STEPS_PER_JOB, MAX_STEPS_PER_TRIAL, type TrialStep, type TrialStepsJob } from '@attune/queue/trial-steps.job';
import type { WorkerLog } from '../worker-log';

/** The trial a stream of steps belongs to. */
export type StepsTrial = Pick<TrialStepsJob, 'studyId' | 'trialId' | 'target'>;

/**
 * Posts running trials' steps to STEPS_QUEUE as `trial-steps` jobs, through
 * the worker's one queue (its one Redis connection) for every trial. A Redis
 * error never fails an evaluation: the batch is dropped and the error logged,
 * at most once every 10 s.
 */
export class StepPublisher {
  private readonly warn: (message: string) => void;

  constructor(
    private readonly queue: Pick<Queue, 'add'>,
    private readonly workerId: string,
    private readonly log: WorkerLog,
  ) {
    this.warn = throttled((message: string) => log(message, 'warn'));
  }

  /** A stream of one trial's steps. */
  forTrial(trial: StepsTrial): TrialStepStream {
    return new TrialStepStream(this.queue, { ...trial, workerId: this.workerId }, this.log, this.warn);
  }
}

/**
 * One trial's steps on their way. A step is posted at once when no post is
 * in flight; the steps that arrive meanwhile wait and go together (at most
 * MAX_STEPS_PER_JOB a job) when the post ends: batches as large as Redis is
 * slow, no timers. Past MAX_STEPS_PER_TRIAL steps are dropped, which the log
 * says once.
 */
export class TrialStepStream {
  private pending: TrialStep[] = [];
  private inFlight?: Promise<void>;
  private taken = 0;
  private stopped = false;

  constructor(
    private readonly queue: Pick<Queue, 'add'>,
    private readonly trial: Omit<TrialStepsJob, 'steps'>,
    private readonly log: WorkerLog,
    private readonly warn: (message: string) => void,
  ) {}

  push(step: TrialStep): void {
    if (this.stopped) return;
    if (this.taken >= MAX_STEPS_PER_TRIAL) {
      if (this.taken++ === MAX_STEPS_PER_TRIAL) this.log(`trial ${this.trial.trialId}: reported more than ${MAX_STEPS_PER_TRIAL} steps; the later ones are not posted`, 'warn');
      return;
    }
    this.taken++;
    this.pending.push(step);
    if (!this.inFlight) this.post();
  }

  /** Resolves once every step pushed so far has been posted (or dropped on an error). */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** The evaluation was interrupted: what has not been posted yet is dropped, and nothing more is posted. */
  stop(): void {
    this.stopped = true;
    this.pending = [];
  }

  private post(): void {
    const steps = this.pending.splice(0, MAX_STEPS_PER_JOB);
    this.inFlight = this.add(steps).finally(() => {
      this.inFlight = undefined;
      if (this.pending.length > 0 && !this.stopped) this.post();
    });
  }

  private async add(steps: TrialStep[]): Promise<void> {
    try {
      const job = jobToAdd('trial-steps', { ...this.trial, steps });
      await this.queue.add(job.name, job.data, job.opts);
    } catch (e) {
      this.warn(`trial ${this.trial.trialId}: could not post steps ${steps[0]?.step}–${steps[steps.length - 1]?.step}, dropped (the evaluation goes on): ${(e as Error).message}`);
    }
  }
}
