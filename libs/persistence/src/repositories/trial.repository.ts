import { randomUUID } from 'node:crypto';
import type { Params } from '@attune/core/search-space/parameter';
import type { TrialState } from '@attune/core/trial/trial-state';
import type { Direction } from '@attune/core/trial/trial-view';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TrialEntity } from '../entities/trial.entity';
import { toTrialCounts, toTrialRecord } from '../mappers/trial.mapper';
import type { TrialCounts, TrialRecord } from '../records/trial.record';
import type { Page } from './study.repository';

export interface TrialListQuery {
  readonly state?: TrialState;
  readonly limit: number;
  readonly offset: number;
}

/** A new trial as the strategy proposed it. */
export interface NewTrial {
  readonly number: number;
  readonly params: Params;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** How an evaluation ended, to record on a pending trial. */
export interface TrialOutcome {
  readonly state: Exclude<TrialState, 'QUEUED' | 'RUNNING'>;
  readonly value?: number;
  readonly metrics?: Readonly<Record<string, number>>;
  /** What was dropped from the reported metrics, and why. */
  readonly note?: string;
  readonly error?: string;
  readonly workerId?: string;
  readonly startedAt?: Date;
  readonly endedAt?: Date;
}

/** A trial a conditional update changed: what its events need. */
export interface ChangedTrial {
  readonly id: string;
  readonly studyId: string;
  readonly number: number;
  readonly params: Params;
}

interface ChangedTrialRow {
  readonly id: string;
  readonly study_id: string;
  readonly number: number;
  readonly params: Params;
}

function toChangedTrial(row: ChangedTrialRow): ChangedTrial {
  return { id: row.id, studyId: row.study_id, number: row.number, params: row.params };
}

const PENDING: TrialState[] = ['QUEUED', 'RUNNING'];

/**
 * Trials, in and out as TrialRecord. Every state change is conditional on the
 * trial still being pending, so replays and races change nothing twice.
 */
export class TrialRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The whole history of a study, ordered by number (what the strategy sees). */
  async listByStudy(studyId: string, tx?: EntityManager): Promise<TrialRecord[]> {
    const rows = await this.repo(tx).find({ where: { studyId }, order: { number: 'ASC' } });
    return rows.map(toTrialRecord);
  }

  /**
   * The trials of a study that may differ from a copy of its history: those
   * numbered in `numbers` (pending in the copy) and every one from `from` on.
   * Finished trials never change (every update requires a pending state), so
   * the rest of the copy is still exact. Ordered by number.
   */
  async listChanged(studyId: string, numbers: readonly number[], from: number, tx?: EntityManager): Promise<TrialRecord[]> {
    const rows = await this.repo(tx)
      .createQueryBuilder('t')
      .where('t.study_id = :studyId', { studyId })
      .andWhere('(t.number = ANY(:numbers) OR t.number >= :from)', { numbers, from })
      .orderBy('t.number', 'ASC')
      .getMany();
    return rows.map(toTrialRecord);
  }

  async page(studyId: string, query: TrialListQuery): Promise<Page<TrialRecord>> {
    const [rows, total] = await this.repo().findAndCount({
      where: query.state ? { studyId, state: query.state } : { studyId },
      order: { number: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toTrialRecord), total };
  }

  async findById(id: string): Promise<TrialRecord | undefined> {
    const row = await this.repo().findOneBy({ id });
    return row ? toTrialRecord(row) : undefined;
  }

  /** Per-state counts for each study asked for (studies without trials count zeros). */
  async countByStudy(studyIds: readonly string[]): Promise<Map<string, TrialCounts>> {
    const rows: { studyId: string; state: string; count: string }[] =
      studyIds.length === 0
        ? []
        : await this.repo()
            .createQueryBuilder('t')
            .select('t.study_id', 'studyId')
            .addSelect('t.state', 'state')
            .addSelect('count(*)', 'count')
            .where('t.study_id = ANY(:ids)', { ids: studyIds })
            .groupBy('t.study_id')
            .addGroupBy('t.state')
            .getRawMany();
    return new Map(studyIds.map((id) => [id, toTrialCounts(rows.filter((r) => r.studyId === id))]));
  }

  /** The COMPLETE trial with the best value (ties: the earliest). */
  async best(studyId: string, direction: Direction): Promise<TrialRecord | undefined> {
    const row = await this.repo().findOne({
      where: { studyId, state: 'COMPLETE' },
      order: { value: direction === 'minimize' ? 'ASC' : 'DESC', number: 'ASC' },
    });
    return row && row.value !== null ? toTrialRecord(row) : undefined;
  }

  /** The best COMPLETE trial of each listed study that has one, all optimised in `direction` (one query). */
  async bestByStudy(studyIds: readonly string[], direction: Direction): Promise<Map<string, TrialRecord>> {
    if (studyIds.length === 0) return new Map();
    const rows = await this.repo()
      .createQueryBuilder('t')
      .distinctOn(['t.study_id'])
      .where('t.study_id = ANY(:ids) AND t.state = :complete AND t.value IS NOT NULL', { ids: studyIds, complete: 'COMPLETE' })
      .orderBy('t.study_id')
      .addOrderBy('t.value', direction === 'minimize' ? 'ASC' : 'DESC')
      .addOrderBy('t.number', 'ASC')
      .getMany();
    return new Map(rows.map((r) => [r.studyId, toTrialRecord(r)]));
  }

  /** Inserts QUEUED trials in one statement and returns them. */
  async insertQueued(studyId: string, trials: readonly NewTrial[], tx?: EntityManager): Promise<TrialRecord[]> {
    if (trials.length === 0) return [];
    const rows = trials.map((t) => ({
      id: randomUUID(),
      studyId,
      number: t.number,
      state: 'QUEUED',
      params: t.params as Record<string, unknown>,
      meta: (t.meta as Record<string, unknown> | undefined) ?? null,
      // The moment of the insert, not the transaction's start (now()): a tick's strategy may take a while.
      createdAt: () => 'clock_timestamp()',
    }));
    await this.repo(tx).insert(rows as QueryDeepPartialEntity<TrialEntity>[]);
    const inserted = await this.repo(tx).find({ where: { id: In(rows.map((r) => r.id)) }, order: { number: 'ASC' } });
    return inserted.map(toTrialRecord);
  }

  /** QUEUED → RUNNING for those still QUEUED; returns the trials that moved. */
  async markRunning(ids: readonly string[], startedAt: Date = new Date(), tx?: EntityManager): Promise<ChangedTrial[]> {
    if (ids.length === 0) return [];
    const result = await this.repo(tx)
      .createQueryBuilder()
      .update()
      .set({ state: 'RUNNING', startedAt: () => 'COALESCE(started_at, :startedAt)' })
      .setParameter('startedAt', startedAt)
      .where('id = ANY(:ids) AND state = :queued', { ids, queued: 'QUEUED' })
      .returning(['id', 'studyId', 'number', 'params'])
      .execute();
    return (result.raw as ChangedTrialRow[]).map(toChangedTrial);
  }

  /** The studies of these trials (to lock them before changing the trials; see StudyRepository.lockForEvents). */
  async studyIdsOf(ids: readonly string[], tx?: EntityManager): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { study_id: string }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT DISTINCT study_id FROM ${this.table(tx)} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => r.study_id);
  }

  /**
   * The best COMPLETE value of each listed study, each in its own direction
   * (one statement; the best-trial index answers each study). Studies
   * without a COMPLETE trial are absent.
   */
  async bestValues(studies: readonly { id: string; direction: Direction }[], tx?: EntityManager): Promise<Map<string, number>> {
    if (studies.length === 0) return new Map();
    const t = this.table(tx);
    const rows: { id: string; value: number | null }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT v.id, CASE WHEN v.direction = 'maximize'
                THEN (SELECT max(value) FROM ${t} WHERE study_id = v.id AND state = 'COMPLETE')
                ELSE (SELECT min(value) FROM ${t} WHERE study_id = v.id AND state = 'COMPLETE') END AS value
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, direction text)`,
      [JSON.stringify(studies)],
    );
    return new Map(rows.filter((r) => r.value !== null).map((r) => [r.id, r.value as number]));
  }

  /**
   * Records how a pending trial ended and returns its study id. Returns
   * undefined if it had already ended (a duplicate result, or a trial
   * cancelled meanwhile), or belongs to another study: nothing changes then.
   */
  async finish(id: string, outcome: TrialOutcome, studyId?: string, tx?: EntityManager): Promise<string | undefined> {
    const result = await this.repo(tx)
      .createQueryBuilder()
      .update()
      .set({
        state: outcome.state,
        value: outcome.value ?? null,
        metrics: outcome.metrics ? { ...outcome.metrics } : null,
        note: outcome.note ?? null,
        error: outcome.error ?? null,
        workerId: outcome.workerId ?? null,
        startedAt: () => 'COALESCE(started_at, :startedAt)',
        endedAt: outcome.endedAt ?? new Date(),
      })
      .setParameter('startedAt', outcome.startedAt ?? null)
      .where('id = :id AND state IN (:...pending)', { id, pending: PENDING })
      .andWhere(studyId ? 'study_id = :studyId' : 'TRUE', { studyId })
      .returning(['studyId'])
      .execute();
    return (result.raw as { study_id: string }[])[0]?.study_id;
  }

  /**
   * Records many outcomes in one statement (results arrive in bursts). Same
   * rules as `finish`, per trial: only a pending trial of the given study
   * changes, the first outcome of a trial in the batch wins. Returns the
   * trials that changed, by id.
   */
  async finishMany(items: readonly { trialId: string; studyId: string; outcome: TrialOutcome }[], tx?: EntityManager): Promise<Map<string, ChangedTrial>> {
    const seen = new Set<string>();
    const rows = items.filter((i) => !seen.has(i.trialId) && seen.add(i.trialId)).map(({ trialId, studyId, outcome: o }) => ({
      id: trialId,
      study_id: studyId,
      state: o.state,
      value: o.value ?? null,
      metrics: o.metrics ?? null,
      note: o.note ?? null,
      error: o.error ?? null,
      worker_id: o.workerId ?? null,
      started_at: o.startedAt?.toISOString() ?? null,
      ended_at: (o.endedAt ?? new Date()).toISOString(),
    }));
    if (rows.length === 0) return new Map();
    // For an UPDATE, TypeORM's postgres driver answers [rows, rowCount].
    const [updated]: [ChangedTrialRow[], number] = await (tx ?? this.dataSource.manager).query(
      `UPDATE ${this.table(tx)} AS t
          SET state = v.state, value = v.value, metrics = v.metrics, note = v.note, error = v.error, worker_id = v.worker_id,
              started_at = COALESCE(t.started_at, v.started_at), ended_at = v.ended_at
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, study_id uuid, state varchar, value float8, metrics jsonb,
              note text, error text, worker_id text, started_at timestamptz, ended_at timestamptz)
        WHERE t.id = v.id AND t.study_id = v.study_id AND t.state IN ('QUEUED', 'RUNNING')
    RETURNING t.id, t.study_id, t.number, t.params`,
      [JSON.stringify(rows)],
    );
    return new Map(updated.map((r) => [r.id, toChangedTrial(r)]));
  }

  /** Ends every listed trial that is still pending, with one state and reason; returns the ids that moved. */
  async finishPending(ids: readonly string[], state: TrialOutcome['state'], error: string, tx?: EntityManager): Promise<string[]> {
    if (ids.length === 0) return [];
    const result = await this.repo(tx)
      .createQueryBuilder()
      .update()
      .set({ state, error, endedAt: () => 'now()' })
      .where('id = ANY(:ids) AND state IN (:...pending)', { ids, pending: PENDING })
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }

  /** CANCELLED for every pending trial of a study; returns their ids. */
  async cancelPending(studyId: string, reason: string, tx?: EntityManager): Promise<string[]> {
    const result = await this.repo(tx)
      .createQueryBuilder()
      .update()
      .set({ state: 'CANCELLED', error: reason, endedAt: () => 'now()' })
      .where('study_id = :studyId AND state IN (:...pending)', { studyId, pending: PENDING })
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }

  private table(tx?: EntityManager): string {
    return this.repo(tx).metadata.tablePath.split('.').map((part) => `"${part}"`).join('.');
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(TrialEntity);
  }
}
