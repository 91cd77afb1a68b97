import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { StudyEntity } from '../entities/study.entity';
import type { StudyState } from '@attune/core/study/study-state';
import type { StudyRecord } from '../records/study.record';

/** Row to record. The spec was validated before it was stored, so it is trusted here. */
export function toStudyRecord(row: StudyEntity): StudyRecord {
  return {
    id: row.id,
    project: row.project,
    spec: row.spec as unknown as StudySpec,
    state: row.state as StudyState,
    ...(row.stopReason !== null && { stopReason: row.stopReason }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...(row.endedAt !== null && { endedAt: row.endedAt }),
  };
}

/** A new RUNNING study row for a validated spec. */
export function newStudyRow(id: string, spec: StudySpec, project: string): Partial<StudyEntity> {
  return {
    id,
    project,
    name: spec.name,
    target: spec.target,
    state: 'RUNNING',
    spec: spec as unknown as Record<string, unknown>,
    stopReason: null,
    endedAt: null,
  };
}
