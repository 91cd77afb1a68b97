import { randomUUID } from 'node:crypto';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { StudyEntity } from '../entities/study.entity';
import { TrialEntity } from '../entities/trial.entity';
import { quotedTable } from './quoted-table';
import { newStudyRow, toStudyRecord } from '../mappers/study.mapper';
import type { StudyState } from '@attune/core/study/study-state';
import { DEFAULT_PROJECT } from '@attune/core/auth/roles';
import type { StudyRecord } from '../records/study.record';

/** One page of a listing, with the total that matched. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

export interface StudyListQuery {
  readonly state?: StudyState;
  /** Only the studies of this project; absent: every project. */
  readonly project?: string;
  readonly limit: number;
  readonly offset: number;
}

/** Studies, in and out as StudyRecord. Methods take an optional transaction. */
export class StudyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new RUNNING study in `project` (DEFAULT_PROJECT unless named). */
  async insert(spec: StudySpec, tx?: EntityManager, project: string = DEFAULT_PROJECT): Promise<StudyRecord> {
    const id = randomUUID();
    await this.repo(tx).insert(newStudyRow(id, spec, project) as QueryDeepPartialEntity<StudyEntity>);
    return (await this.findById(id, tx))!;
  }

  async findById(id: string, tx?: EntityManager): Promise<StudyRecord | undefined> {
    const row = await this.repo(tx).findOneBy({ id });
    return row ? toStudyRecord(row) : undefined;
  }

  /**
   * The study's state and how many trials it has (numbers are 0..n-1), its
   * row share-locked until `tx` ends: an ending (stop, say) committed before
   * is seen, and one that comes after waits for `tx`. The trials are counted
   * in a statement of their own, after the lock: a statement that waited for
   * the lock still counts with the snapshot it took before waiting, and would
   * miss the trials a writer holding the row FOR UPDATE (lockForNewTrials)
   * had just committed.
   */
  async lockedState(id: string, tx: EntityManager): Promise<{ readonly state: StudyState; readonly trials: number } | undefined> {
    const rows: { state: StudyState }[] = await tx.query(`SELECT state FROM ${this.table(tx)} WHERE id = $1 FOR SHARE`, [id]);
    if (rows.length === 0) return undefined;
    return { state: rows[0].state, trials: (await this.trialCounts(id, tx)).trials };
  }

  /**
   * For a writer that numbers trials of its own (trials enqueued by hand):
   * the study row locked FOR UPDATE until `tx` ends, so that the driver's
   * insert (lockedState, FOR SHARE) waits for it and then sees the numbers
   * moved. Returns the study's state, how many trials it has, and how many of
   * them use its budget (not CANCELLED, not copied by warm start), counted
   * after the lock.
   */
  async lockForNewTrials(id: string, tx: EntityManager): Promise<{ readonly state: StudyState; readonly trials: number; readonly used: number } | undefined> {
    const rows: { state: StudyState }[] = await tx.query(`SELECT state FROM ${this.table(tx)} WHERE id = $1 FOR UPDATE`, [id]);
    if (rows.length === 0) return undefined;
    return { state: rows[0].state, ...(await this.trialCounts(id, tx)) };
  }

  private async trialCounts(id: string, tx: EntityManager): Promise<{ trials: number; used: number }> {
    const trials = quotedTable(tx.getRepository(TrialEntity).metadata);
    const [row]: { trials: number; used: number }[] = await tx.query(
      `SELECT count(*)::int AS trials,
              (count(*) FILTER (WHERE state <> 'CANCELLED' AND origin IS DISTINCT FROM 'warm-start'))::int AS used
         FROM ${trials} WHERE study_id = $1`,
      [id],
    );
    return row;
  }

  /** Newest first. */
  async list(query: StudyListQuery): Promise<Page<StudyRecord>> {
    const [rows, total] = await this.repo().findAndCount({
      where: { ...(query.state && { state: query.state }), ...(query.project !== undefined && { project: query.project }) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toStudyRecord), total };
  }

  /** The project a study belongs to; undefined when there is no such study. */
  async projectOf(id: string): Promise<string | undefined> {
    const row = await this.repo().findOne({ select: { project: true }, where: { id } });
    return row?.project;
  }

  /** How many of the project's studies are RUNNING. */
  async countRunning(project: string, tx?: EntityManager): Promise<number> {
    return this.repo(tx).countBy({ project, state: 'RUNNING' });
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
    return quotedTable(this.repo(tx).metadata);
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(StudyEntity);
  }
}
