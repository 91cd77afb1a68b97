import type { Params } from '@attune/core/search-space/parameter';
import type { TrialState } from '@attune/core/trial/trial-state';

/** A trial as the rest of the system sees it (never the ORM row). */
export interface TrialRecord {
  readonly id: string;
  readonly studyId: string;
  readonly number: number;
  readonly state: TrialState;
  readonly params: Params;
  readonly meta?: Readonly<Record<string, unknown>>;
  /** The objective metric as reported; COMPLETE trials only. */
  readonly value?: number;
  readonly metrics?: Readonly<Record<string, number>>;
  /** What was dropped from the reported metrics, and why (e.g. a metric that was not a number). */
  readonly note?: string;
  readonly error?: string;
  readonly workerId?: string;
  readonly createdAt: Date;
  readonly startedAt?: Date;
  readonly endedAt?: Date;
}

/** Trials of a study per state. */
export interface TrialCounts {
  readonly total: number;
  readonly queued: number;
  readonly running: number;
  readonly complete: number;
  readonly failed: number;
  readonly pruned: number;
  readonly timedOut: number;
  readonly cancelled: number;
}
