import type { TrialStepEntity } from '../entities/trial-step.entity';
import type { TrialStepRecord } from '../records/trial-step.record';

/** Row to record. */
export function toTrialStepRecord(row: Pick<TrialStepEntity, 'step' | 'metrics' | 'reportedAt'>): TrialStepRecord {
  return { step: row.step, metrics: row.metrics, reportedAt: new Date(row.reportedAt) };
}
