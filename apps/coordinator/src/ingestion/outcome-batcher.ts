import type { Direction } from '@attune/core/trial/trial-view';
import type { TrialOutcome } from '@attune/persistence/repositories/trial.repository';

/** Most outcomes one write takes. */
export const OUTCOME_BATCH_MAX = 500;

/** One outcome waiting to be written. */
export interface PendingOutcome {
  readonly trialId: string;
  readonly studyId: string;
  readonly outcome: TrialOutcome;
  /** Which way the study's trial value is better (whether a COMPLETE trial is a new best); undefined for several objectives. */
  readonly direction: Direction | undefined;
}

/** Writes a batch; returns the trials that changed, by trial id. */
export type WriteBatch = (items: PendingOutcome[]) => Promise<ReadonlyMap<string, unknown>>;

interface Waiting {
  readonly item: PendingOutcome;
  readonly resolve: (changed: boolean) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Writes outcomes in batches without adding latency: when no write is running
 * the next one starts at once (next turn of the event loop); while one runs,
 * new outcomes gather for the following write (at most `maxItems` each).
 * `submit` resolves only once its write committed (true if its trial
 * changed), so a result job completes only after its row is written.
 */
export class OutcomeBatcher {
  private waiting: Waiting[] = [];
  private writing?: Promise<void>;
  private scheduled = false;

  constructor(
    private readonly write: WriteBatch,
    private readonly maxItems = OUTCOME_BATCH_MAX,
  ) {}

  submit(item: PendingOutcome): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything submitted so far is written (shutdown). */
  async flush(): Promise<void> {
    while (this.writing || this.waiting.length > 0) await (this.writing ?? this.writeNext());
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.writing) void this.writeNext();
    });
  }

  private writeNext(): Promise<void> {
    const batch = this.waiting.splice(0, this.maxItems);
    this.writing = this.writeBatch(batch).finally(() => {
      this.writing = undefined;
      if (this.waiting.length > 0) this.schedule();
    });
    return this.writing;
  }

  private async writeBatch(batch: Waiting[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      const changed = await this.write(batch.map((b) => b.item));
      // Only the first submission of a trial can have changed it; later copies in the batch did not.
      const claimed = new Set<string>();
      for (const { item, resolve } of batch) {
        resolve(!claimed.has(item.trialId) && changed.has(item.trialId));
        claimed.add(item.trialId);
      }
    } catch (e) {
      for (const { reject } of batch) reject(e);
    }
  }
}
