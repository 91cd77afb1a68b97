import type { Params } from '@attune/core/search-space/parameter';
import type { StoredScore } from '@attune/core/objective/stored-score';
import type { TrialOrigin } from '@attune/core/trial/trial-origin';
import type { TrialState } from '@attune/core/trial/trial-state';

/** A trial as the rest of the system sees it (never the ORM row). */
export interface TrialRecord {
  readonly id: string;
  readonly studyId: string;
  readonly number: number;
  readonly state: TrialState;
  readonly params: Params;
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Absent for a configuration the strategy proposed. */
  readonly origin?: TrialOrigin;
  /** The objective as the user reads it (the metric, or the composite score); COMPLETE trials of one objective only. */
  readonly value?: number;
  /** Every reported metric, aggregated over the counted repeats. */
  readonly metrics?: Readonly<Record<string, number>>;
  /** COMPLETE trials of a study with constraints: whether none is broken, and by how much they are. */
  readonly feasible?: boolean;
  readonly violation?: number;
  /** The rest of a COMPLETE trial's score. */
  readonly score?: StoredScore;
  /** What was dropped from the reported metrics, and why (e.g. a metric that was not a number). */
  readonly note?: string;
  readonly error?: string;
  readonly workerId?: string;
  /** The OpenTelemetry trace holding the trial's spans; absent when tracing was off. */
  readonly traceId?: string;
  /** The highest step the trial reported while it ran; of a PRUNED trial, the step it was stopped at (its `value` is the objective there). */
  readonly lastStep?: number;
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
