import type { MeasurementEntity } from '../entities/measurement.entity';
import type { MeasurementRecord } from '../records/measurement.record';

/** Row to record; SQL NULLs become absent fields. */
export function toMeasurementRecord(row: MeasurementEntity): MeasurementRecord {
  return {
    repeat: row.repeat,
    warmup: row.warmup,
    metrics: row.metrics,
    durationMs: row.durationMs,
    ...(row.workerId !== null && { workerId: row.workerId }),
    startedAt: row.startedAt,
  };
}
