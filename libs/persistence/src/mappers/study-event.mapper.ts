import { studyEventSchema } from '@attune/core/events/study-event';
import type { StudyEventRecord } from '../records/study-event.record';

/** A study_events row as the driver returns it (raw SQL or the entity). */
export interface StudyEventRow {
  readonly study_id: string;
  readonly seq: number;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly origin: string | null;
  readonly created_at: Date;
}

/** Row to record; the payload is parsed, so a reader never sees an event that is not of the union. */
export function toStudyEventRecord(row: StudyEventRow): StudyEventRecord {
  return {
    studyId: row.study_id,
    seq: Number(row.seq),
    event: studyEventSchema.parse({ ...row.payload, kind: row.kind }),
    ...(row.origin !== null && { origin: row.origin }),
    createdAt: row.created_at,
  };
}
