import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import type { StudyState } from '@attune/core/study/study-state';

/** A study as the rest of the system sees it (never the ORM row). */
export interface StudyRecord {
  readonly id: string;
  /** The project's name. */
  readonly project: string;
  readonly spec: StudySpec;
  readonly state: StudyState;
  readonly stopReason?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly endedAt?: Date;
}
