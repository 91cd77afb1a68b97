import type { EntityManager, DataSource } from 'typeorm';
import { MeasurementEntity } from '../entities/measurement.entity';
import { toMeasurementRecord } from '../mappers/measurement.mapper';
import type { MeasurementRecord } from '../records/measurement.record';
import { quotedTable } from './quoted-table';

/** One measurement of a trial, as the worker took it. */
export interface MeasurementInput {
  readonly repeat: number;
  readonly warmup: boolean;
  readonly metrics: Readonly<Record<string, number>>;
  readonly durationMs: number;
  readonly startedAt: Date;
}

/** The measurements a trial's outcome brought, and the worker that took them. */
export interface TrialMeasurements {
  readonly trialId: string;
  readonly workerId?: string;
  readonly measurements?: readonly MeasurementInput[];
}

/** The raw measurements behind trials' metrics: one row per repeat, warm-ups included. */
export class MeasurementRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A trial's measurements, in the order they were taken. */
  async listByTrial(trialId: string): Promise<MeasurementRecord[]> {
    const rows = await this.repo().find({ where: { trialId }, order: { repeat: 'ASC' } });
    return rows.map(toMeasurementRecord);
  }

  /** The measurements of trials that just ended, in one statement; a trial's first entry wins, and a replayed one is skipped. */
  async insert(items: readonly TrialMeasurements[], tx?: EntityManager): Promise<void> {
    const seen = new Set<string>();
    const rows = items
      .filter((i) => !seen.has(i.trialId) && seen.add(i.trialId))
      .flatMap(({ trialId, workerId, measurements }) =>
        (measurements ?? []).map((m) => ({ trial_id: trialId, repeat: m.repeat, warmup: m.warmup, metrics: m.metrics, duration_ms: m.durationMs, worker_id: workerId ?? null, started_at: m.startedAt.toISOString() })),
      );
    if (rows.length === 0) return;
    await (tx ?? this.dataSource.manager).query(
      `INSERT INTO ${quotedTable(this.repo(tx).metadata)} (trial_id, repeat, warmup, metrics, duration_ms, worker_id, started_at)
       SELECT v.trial_id, v.repeat, v.warmup, v.metrics, v.duration_ms, v.worker_id, v.started_at
         FROM jsonb_to_recordset($1::jsonb) AS v(trial_id uuid, repeat int, warmup boolean, metrics jsonb, duration_ms float8, worker_id text, started_at timestamptz)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(MeasurementEntity);
  }
}
