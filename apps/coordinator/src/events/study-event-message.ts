import type { StudyEventMessage } from '@attune/core/events/study-event';
import type { StudyEventRecord } from '@attune/persistence/records/study-event.record';

/** A stored event as it travels (SSE `data:`, webhook body). */
export function toStudyEventMessage(record: StudyEventRecord): StudyEventMessage {
  return { studyId: record.studyId, seq: record.seq, at: record.createdAt.toISOString(), ...record.event };
}
