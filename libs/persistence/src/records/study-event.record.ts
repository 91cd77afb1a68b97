import type { StudyEvent } from '@attune/core/events/study-event';

/** A stored study event as the rest of the system sees it (never the ORM row). */
export interface StudyEventRecord {
  readonly studyId: string;
  /** Per-study sequence number, 1, 2, 3, ... in commit order. */
  readonly seq: number;
  readonly event: StudyEvent;
  /** Instance id of the coordinator that wrote it. */
  readonly origin?: string;
  readonly createdAt: Date;
}

/** An event to append, for one study. */
export interface NewStudyEvent {
  readonly studyId: string;
  readonly event: StudyEvent;
}
