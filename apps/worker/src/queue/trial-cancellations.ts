import type { Worker } from 'bullmq';
import type { CancelTrialMessage } from '@attune/queue/cancel-trial.message';

/** The abort reason of a worker's own shutdown; any other reason is a cancellation of the trial. */
export const SHUTDOWN_REASON = 'worker shutting down';

/** How long a cancellation is remembered for a trial this worker has not started (yet). */
const REMEMBER_MS = 10 * 60_000;

/**
 * What the coordinator cancelled (see CancelTrialMessage): a running
 * evaluation's AbortSignal is aborted with the reason; a trial whose job this
 * worker took but has not started evaluating (the message raced the job) is
 * remembered, so that its evaluation never starts.
 */
export class TrialCancellations {
  private readonly workers = new Map<string, Worker>();
  private readonly early = new Map<string, { readonly reason: string; readonly at: number }>();

  constructor(private readonly log: (message: string) => void) {}

  /** The BullMQ worker of each target, whose running jobs can be cancelled. */
  attach(target: string, worker: Worker): void {
    this.workers.set(target, worker);
  }

  cancel(message: CancelTrialMessage, now = Date.now()): void {
    const worker = this.workers.get(message.target);
    if (!worker) return;
    this.forgetBefore(now - REMEMBER_MS);
    for (const trialId of message.trialIds) {
      if (worker.cancelJob(trialId, message.reason)) this.log(`trial ${trialId}: evaluation cancelled (${message.reason})`);
      else this.early.set(trialId, { reason: message.reason, at: now });
    }
  }

  /** Why the trial was cancelled before its evaluation began, if it was. */
  cancelledBefore(trialId: string): string | undefined {
    return this.early.get(trialId)?.reason;
  }

  private forgetBefore(time: number): void {
    for (const [id, entry] of this.early) if (entry.at < time) this.early.delete(id);
  }
}
