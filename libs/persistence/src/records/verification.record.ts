import type { Params } from '@attune/core/search-space/parameter';
import type { VerificationState } from '@attune/core/verification/verification-state';

/** One measurement a verification takes: its id (the evaluation job's and the result's), the trial it re-measures. */
export interface PlannedMeasurement {
  readonly seq: number;
  readonly measurementId: string;
  readonly trialNumber: number;
  readonly params: Params;
}

/** A verification as the rest of the system sees it. */
/** How a verification's candidates were chosen: by a GP's posterior mean over the history (one objective), or by their measured values. */
export type CandidatesBy = 'posterior-mean' | 'measured';

export interface VerificationRecord {
  readonly id: string;
  readonly studyId: string;
  readonly state: VerificationState;
  /** `candidatesBy`: how the candidates were chosen (missing on verifications stored before it was recorded: `measured`). */
  readonly options: { readonly repeats: number; readonly top: number; readonly seed: number; readonly candidatesBy?: CandidatesBy };
  readonly plan: readonly PlannedMeasurement[];
  /** Index in `plan` of the measurement under way; plan.length once all are taken. */
  readonly nextSeq: number;
  readonly report?: Readonly<Record<string, unknown>>;
  readonly error?: string;
  readonly createdAt: Date;
  readonly endedAt?: Date;
}

/** One re-measurement taken. */
export interface VerificationMeasurementRecord {
  readonly seq: number;
  readonly trialNumber: number;
  readonly state: 'COMPLETE' | 'FAILED' | 'TIMED_OUT';
  readonly metrics?: Readonly<Record<string, number>>;
  readonly error?: string;
  readonly durationMs?: number;
  readonly workerId?: string;
  readonly startedAt?: Date;
}
