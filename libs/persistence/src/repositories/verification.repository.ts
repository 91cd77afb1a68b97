import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { VerificationMeasurementEntity } from '../entities/verification-measurement.entity';
import { VerificationEntity } from '../entities/verification.entity';
import type { VerificationState } from '@attune/core/verification/verification-state';
import type { PlannedMeasurement, VerificationMeasurementRecord, VerificationRecord } from '../records/verification.record';

/** Verifications and their re-measurements, in and out as records. Methods take an optional transaction. */
export class VerificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(studyId: string, options: VerificationRecord['options'], plan: readonly PlannedMeasurement[], tx?: EntityManager): Promise<VerificationRecord> {
    const id = randomUUID();
    await this.repo(tx).insert({ id, studyId, state: 'RUNNING', options, plan: plan as unknown as Record<string, unknown>[], nextSeq: 0 } as QueryDeepPartialEntity<VerificationEntity>);
    return (await this.findById(id, tx))!;
  }

  async findById(id: string, tx?: EntityManager): Promise<VerificationRecord | undefined> {
    const row = await this.repo(tx).findOneBy({ id });
    return row ? toRecord(row) : undefined;
  }

  /** The study's latest verification, if any. */
  async latest(studyId: string, tx?: EntityManager): Promise<VerificationRecord | undefined> {
    const row = await this.repo(tx).findOne({ where: { studyId }, order: { createdAt: 'DESC' } });
    return row ? toRecord(row) : undefined;
  }

  /** The verification, its row locked until `tx` ends: one coordinator at a time records and moves it on. */
  async lock(id: string, tx: EntityManager): Promise<VerificationRecord | undefined> {
    const row = await this.repo(tx).createQueryBuilder('v').setLock('pessimistic_write').where('v.id = :id', { id }).getOne();
    return row ? toRecord(row) : undefined;
  }

  /** The RUNNING verification whose plan holds this measurement (a job id is a measurement's id), if any. */
  async findRunningByMeasurement(measurementId: string, tx?: EntityManager): Promise<VerificationRecord | undefined> {
    const row = await this.repo(tx)
      .createQueryBuilder('v')
      .where(`v.state = 'RUNNING' AND v.plan @> :needle::jsonb`, { needle: JSON.stringify([{ measurementId }]) })
      .getOne();
    return row ? toRecord(row) : undefined;
  }

  async listRunning(tx?: EntityManager): Promise<VerificationRecord[]> {
    return (await this.repo(tx).find({ where: { state: 'RUNNING' }, order: { createdAt: 'ASC' } })).map(toRecord);
  }

  /** Records a re-measurement; false when it was recorded before (a re-delivered result). */
  async recordMeasurement(verificationId: string, m: VerificationMeasurementRecord, tx?: EntityManager): Promise<boolean> {
    const result = await (tx ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(VerificationMeasurementEntity)
      .values({
        verificationId,
        seq: m.seq,
        trialNumber: m.trialNumber,
        state: m.state,
        metrics: m.metrics ? { ...m.metrics } : null,
        error: m.error ?? null,
        durationMs: m.durationMs ?? null,
        workerId: m.workerId ?? null,
        startedAt: m.startedAt ?? null,
      })
      .orIgnore()
      .returning(['seq'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async measurements(verificationId: string, tx?: EntityManager): Promise<VerificationMeasurementRecord[]> {
    const rows = await (tx ?? this.dataSource.manager).getRepository(VerificationMeasurementEntity).find({ where: { verificationId }, order: { seq: 'ASC' } });
    return rows.map(toMeasurementRecord);
  }

  async moveTo(id: string, nextSeq: number, tx: EntityManager): Promise<void> {
    await this.repo(tx).update({ id }, { nextSeq });
  }

  /** Ends a RUNNING verification; false when it had ended already. */
  async end(id: string, state: Exclude<VerificationState, 'RUNNING'>, outcome: { report?: Record<string, unknown>; error?: string }, tx?: EntityManager): Promise<boolean> {
    const result = await this.repo(tx)
      .createQueryBuilder()
      .update()
      .set({ state, report: (outcome.report ?? null) as QueryDeepPartialEntity<VerificationEntity>['report'], error: outcome.error ?? null, endedAt: () => 'now()' })
      .where('id = :id AND state = :running', { id, running: 'RUNNING' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** CANCELLED for the study's RUNNING verifications; returns them as they were. */
  async cancelRunning(studyId: string, reason: string, tx?: EntityManager): Promise<VerificationRecord[]> {
    const running = await this.repo(tx).find({ where: { studyId, state: 'RUNNING' } });
    for (const v of running) await this.end(v.id, 'CANCELLED', { error: reason }, tx);
    return running.map(toRecord);
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(VerificationEntity);
  }
}

function toRecord(row: VerificationEntity): VerificationRecord {
  return {
    id: row.id,
    studyId: row.studyId,
    state: row.state as VerificationState,
    options: row.options as unknown as VerificationRecord['options'],
    plan: row.plan as unknown as PlannedMeasurement[],
    nextSeq: row.nextSeq,
    ...(row.report !== null && { report: row.report }),
    ...(row.error !== null && { error: row.error }),
    createdAt: row.createdAt,
    ...(row.endedAt !== null && { endedAt: row.endedAt }),
  };
}

function toMeasurementRecord(row: VerificationMeasurementEntity): VerificationMeasurementRecord {
  return {
    seq: row.seq,
    trialNumber: row.trialNumber,
    state: row.state as VerificationMeasurementRecord['state'],
    ...(row.metrics !== null && { metrics: row.metrics }),
    ...(row.error !== null && { error: row.error }),
    ...(row.durationMs !== null && { durationMs: row.durationMs }),
    ...(row.workerId !== null && { workerId: row.workerId }),
    ...(row.startedAt !== null && { startedAt: row.startedAt }),
  };
}
