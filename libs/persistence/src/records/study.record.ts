import type { StudySpec } from '@attune/core/spec/study-spec.schema';

/** Lifecycle of a study: RUNNING until it ends in one of the other states. */
export const STUDY_STATES = ['RUNNING', 'COMPLETE', 'FAILED', 'STOPPED'] as const;
export type StudyState = (typeof STUDY_STATES)[number];

/** A study as the rest of the system sees it (never the ORM row). */
export interface StudyRecord {
  readonly id: string;
  readonly spec: StudySpec;
  readonly state: StudyState;
  readonly stopReason?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly endedAt?: Date;
}
