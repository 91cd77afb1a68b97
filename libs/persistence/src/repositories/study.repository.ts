import { randomUUID } from 'node:crypto';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { StudyEntity } from '../entities/study.entity';
import { TrialEntity } from '../entities/trial.entity';
import { newStudyRow, toStudyRecord } from '../mappers/study.mapper';
import type { StudyRecord, StudyState } from '../records/study.record';

/** One page of a listing, with the total that matched. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

export interface StudyListQuery {
  readonly state?: StudyState;
  readonly limit: number;
  readonly offset: number;
}

/** Studies, in and out as StudyRecord. Methods take an optional transaction. */
export class StudyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(spec: StudySpec, tx?: EntityManager): Promise<StudyRecord> {
    const id = randomUUID();
    await this.repo(tx).insert(newStudyRow(id, spec) as QueryDeepPartialEntity<StudyEntity>);
    return (await this.findById(id, tx))!;
  }

  async findById(id: string, tx?: EntityManager): Promise<StudyRecord | undefined> {
    const row = await this.repo(tx).findOneBy({ id });
    return row ? toStudyRecord(row) : undefined;
  }

  /**
   * The study's state and how many trials it has (numbers are 0..n-1), its
   * row share-locked until `tx` ends: an ending (stop, say) committed before
   * is seen, and one that comes after waits for `tx`.
   */
  async lockedState(id: string, tx: EntityManager): Promise<{ readonly state: StudyState; readonly trials: number } | undefined> {
    const trials = tx.getRepository(TrialEntity).metadata.tablePath.split('.').map((part) => `"${part}"`).join('.');
    const rows: { state: StudyState; trials: number }[] = await tx.query(
      `SELECT s.state, (SELECT count(*) FROM ${trials} t WHERE t.study_id = s.id)::int AS trials FROM ${this.table(tx)} s WHERE s.id = $1 FOR SHARE OF s`,
      [id],
    );
    return rows[0];
  }

  /** Newest first. */
  async list(query: StudyListQuery): Promise<Page<StudyRecord>> {
    const [rows, total] = await this.repo().findAndCount({
      where: query.state ? { state: query.state } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toStudyRecord), total };
  }

  /** Ids of studies still RUNNING, oldest first: the driver's sweep visits them. */
  async runningIds(): Promise<string[]> {
    const rows = await this.repo().find({ select: { id: true }, where: { state: 'RUNNING' }, order: { createdAt: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /** Targets of RUNNING studies (the queues whose events matter). */
  async runningTargets(): Promise<string[]> {
    const rows: { target: string }[] = await this.repo()
      .createQueryBuilder('s')
      .select('DISTINCT s.target', 'target')
      .where('s.state = :state', { state: 'RUNNING' })
      .getRawMany();
    return rows.map((r) => r.target);
  }

  /**
   * Ends a RUNNING study. Conditional: returns false (and changes nothing)
   * when the study had already ended, so the first ending wins.
   */
  async end(id: string, state: Exclude<StudyState, 'RUNNING'>, reason: string, tx?: EntityManager): Promise<boolean> {
    const result = await this.repo(tx)
      .createQueryBuilder()
      .update()
      .set({ state, stopReason: reason, endedAt: () => 'now()' })
      .where('id = :id AND state = :running', { id, running: 'RUNNING' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Locks study rows, in id order, for the rest of `tx`: the first step of
   * every transaction that changes a study's trials and appends its events
   * (see StudyEventRepository). FOR NO KEY UPDATE, so inserting trials (a key
   * share on their study) is not blocked.
   */
  async lockForEvents(ids: readonly string[], tx: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(`SELECT id FROM ${this.table(tx)} WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [[...new Set(ids)]]);
  }

  /**
   * The sequence number of the last event of every study that is RUNNING,
   * listed in `ids`, or ended since `endedSince`: where a reader that lost
   * its notifications catches up.
   */
  async eventSeqs(ids: readonly string[], endedSince?: Date): Promise<Map<string, number>> {
    const rows: { id: string; event_seq: number }[] = await this.dataSource.query(
      `SELECT id, event_seq FROM ${this.table()} WHERE state = 'RUNNING' OR id = ANY($1::uuid[]) OR ended_at >= $2`,
      [ids, endedSince ?? null],
    );
    return new Map(rows.map((r) => [r.id, r.event_seq]));
  }

  private table(tx?: EntityManager): string {
    return this.repo(tx).metadata.tablePath.split('.').map((part) => `"${part}"`).join('.');
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(StudyEntity);
  }
}
