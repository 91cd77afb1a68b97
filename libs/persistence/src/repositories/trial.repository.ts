import { randomUUID } from 'node:crypto';
import type { Params } from '@attune/core/search-space/parameter';
import type { TrialState } from '@attune/core/trial/trial-state';
import type { Direction } from '@attune/core/trial/trial-view';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TrialEntity } from '../entities/trial.entity';
import { TrialStepEntity } from '../entities/trial-step.entity';
import { toTrialRecord } from '../mappers/trial.mapper';
import type { TrialOrigin } from '@attune/core/trial/trial-origin';
import type { TrialRecord } from '../records/trial.record';
import type { StoredScore } from '@attune/core/objective/stored-score';
import type { MeasurementRecord } from '../records/measurement.record';
import { MeasurementRepository, type MeasurementInput } from './measurement.repository';
import { quotedTable } from './quoted-table';
import type { Page } from './study.repository';

export type { MeasurementInput } from './measurement.repository';

export interface TrialListQuery {
  readonly state?: TrialState;
  readonly limit: number;
  readonly offset: number;
}

/** A new trial: as the strategy proposed it, or from another origin. */
export interface NewTrial {
  readonly number: number;
  readonly params: Params;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly origin?: TrialOrigin;
  /** The trial's trace (see TrialEntity.traceId), when tracing is on. */
  readonly traceId?: string;
}

/** A trial COMPLETE from the start: its outcome is another trial's (see TrialRepository.insertComplete). */
export interface CompleteTrial {
  readonly number: number;
  readonly params: Params;
  readonly origin: Extract<TrialOrigin, 'reused' | 'warm-start'>;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly value?: number;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly feasible?: boolean;
  readonly violation?: number;
  readonly score?: StoredScore;
  /** Where the outcome came from, for users. */
  readonly note: string;
  readonly traceId?: string;
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/** How an evaluation ended, to record on a pending trial. */
export interface TrialOutcome {
  readonly state: Exclude<TrialState, 'QUEUED' | 'RUNNING'>;
  readonly value?: number;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly feasible?: boolean;
  readonly violation?: number;
  readonly score?: StoredScore;
  /** The raw measurements behind `metrics` (stored with the trial when it changes). */
  readonly measurements?: readonly MeasurementInput[];
  /** What was dropped from the reported metrics, and why. */
  readonly note?: string;
  readonly error?: string;
  readonly workerId?: string;
  readonly startedAt?: Date;
  readonly endedAt?: Date;
}

/** A pruner's decision to stop a running trial at a step, to record. */
export interface PrunedTrial {
  readonly trialId: string;
  readonly studyId: string;
  /** The step it was stopped at. */
  readonly step: number;
  /** The objective at that step. */
  readonly value?: number;
  /** Every value reported at that step. */
  readonly metrics: Readonly<Record<string, number>>;
  /** What the pruner said, as users read it. */
  readonly reason: string;
  readonly endedAt: Date;
}

/** When a trial was created (enqueued), started on a worker and ended. */
export interface TrialTimes {
  readonly createdAt: Date;
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
  private readonly measurementRows: MeasurementRepository;

  constructor(private readonly dataSource: DataSource) {
    this.measurementRows = new MeasurementRepository(dataSource);
  }

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

  /** Trial `number` of a study, if it has one. */
  async findByNumber(studyId: string, number: number): Promise<TrialRecord | undefined> {
    const row = await this.repo().findOneBy({ studyId, number });
    return row ? toTrialRecord(row) : undefined;
  }

  /** The feasible COMPLETE trial with the best value (ties: the earliest). */
  async best(studyId: string, direction: Direction): Promise<TrialRecord | undefined> {
    const row = await this.repo()
      .createQueryBuilder('t')
      .where(`t.study_id = :studyId AND t.state = 'COMPLETE' AND t.value IS NOT NULL AND t.feasible IS NOT FALSE`, { studyId })
      .orderBy('t.value', direction === 'minimize' ? 'ASC' : 'DESC')
      .addOrderBy('t.number', 'ASC')
      .getOne();
    return row ? toTrialRecord(row) : undefined;
  }

  /** The study's baseline trial (origin `baseline`), if it has one. */
  async findBaseline(studyId: string, tx?: EntityManager): Promise<TrialRecord | undefined> {
    const row = await this.repo(tx).findOne({ where: { studyId, origin: 'baseline' }, order: { number: 'ASC' } });
    return row ? toTrialRecord(row) : undefined;
  }

  /** The COMPLETE trials of a study, ordered by number (a Pareto front is chosen among them). */
  async listComplete(studyId: string, tx?: EntityManager): Promise<TrialRecord[]> {
    const rows = await this.repo(tx).find({ where: { studyId, state: 'COMPLETE' }, order: { number: 'ASC' } });
    return rows.map(toTrialRecord);
  }

  /**
   * The duplicate guard's lookup, one statement for a whole proposal round:
   * for each configuration, the earliest COMPLETE trial of the study with the
   * same signature (computed by PostgreSQL exactly as its trigger does), by
   * the configuration's index in `configurations`.
   */
  async findMeasured(studyId: string, configurations: readonly Params[], tx?: EntityManager): Promise<Map<number, TrialRecord>> {
    if (configurations.length === 0) return new Map();
    const rows: { i: string; id: string }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT DISTINCT ON (c.i) c.i, t.id
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS c(params, i)
         JOIN ${this.table(tx)} t ON t.study_id = $1 AND t.signature = md5(c.params::text) AND t.state = 'COMPLETE'
        ORDER BY c.i, t.number`,
      [studyId, JSON.stringify(configurations)],
    );
    if (rows.length === 0) return new Map();
    const trials = await this.repo(tx).find({ where: { id: In(rows.map((r) => r.id)) } });
    const byId = new Map(trials.map((t) => [t.id, toTrialRecord(t)]));
    return new Map(rows.map((r) => [Number(r.i) - 1, byId.get(r.id)!]));
  }

  /** A trial's measurements, in the order they were taken. */
  measurements(trialId: string): Promise<MeasurementRecord[]> {
    return this.measurementRows.listByTrial(trialId);
  }

  /**
   * Inserts COMPLETE trials that reuse an earlier trial's measurement (the
   * duplicate guard): value, metrics and score copied, origin `reused`,
   * `meta.reusedFrom` the earlier trial's number.
   */
  async insertReused(studyId: string, trials: readonly { number: number; params: Params; meta?: Readonly<Record<string, unknown>>; traceId?: string; from: TrialRecord }[], tx?: EntityManager): Promise<TrialRecord[]> {
    return this.insertComplete(
      studyId,
      trials.map(({ number, params, meta, traceId, from }) => ({
        number,
        params,
        ...(traceId !== undefined && { traceId }),
        origin: 'reused',
        meta: { ...(meta ?? {}), reusedFrom: from.number },
        ...pick(from, ['value', 'metrics', 'feasible', 'violation', 'score']),
        note: `configuration already measured by trial ${from.number}: its measurement is reused, not taken again`,
      })),
      tx,
    );
  }

  /**
   * Inserts trials that are COMPLETE from the start, their outcome known
   * without a measurement of their own (reused by the duplicate guard, copied
   * by warm start), in one statement; returns them by number.
   */
  async insertComplete(studyId: string, trials: readonly CompleteTrial[], tx?: EntityManager): Promise<TrialRecord[]> {
    if (trials.length === 0) return [];
    const rows = trials.map((t) => ({
      id: randomUUID(),
      studyId,
      number: t.number,
      state: 'COMPLETE',
      origin: t.origin,
      params: t.params as Record<string, unknown>,
      meta: (t.meta as Record<string, unknown> | undefined) ?? null,
      value: t.value ?? null,
      metrics: t.metrics ? { ...t.metrics } : null,
      feasible: t.feasible ?? null,
      violation: t.violation ?? null,
      score: (t.score as Record<string, unknown> | undefined) ?? null,
      note: t.note,
      traceId: t.traceId ?? null,
      startedAt: () => 'clock_timestamp()',
      endedAt: () => 'clock_timestamp()',
      createdAt: () => 'clock_timestamp()',
    }));
    await this.repo(tx).insert(rows as QueryDeepPartialEntity<TrialEntity>[]);
    const inserted = await this.repo(tx).find({ where: { id: In(rows.map((r) => r.id)) }, order: { number: 'ASC' } });
    return inserted.map(toTrialRecord);
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
      origin: t.origin ?? null,
      traceId: t.traceId ?? null,
      // The moment of the insert, not the transaction's start (now()): a tick's strategy may take a while.
      createdAt: () => 'clock_timestamp()',
    }));
    await this.repo(tx).insert(rows as QueryDeepPartialEntity<TrialEntity>[]);
    const inserted = await this.repo(tx).find({ where: { id: In(rows.map((r) => r.id)) }, order: { number: 'ASC' } });
    return inserted.map(toTrialRecord);
  }

  /**
   * Inserts new trials behind the duplicate guard: a configuration the study
   * has measured already (a COMPLETE trial with the same signature, one
   * lookup for the whole round) is recorded COMPLETE reusing that
   * measurement (`insertReused`); the others are QUEUED. Each keeps its number.
   */
  async insertNew(studyId: string, trials: readonly NewTrial[], tx?: EntityManager): Promise<{ queued: TrialRecord[]; reused: TrialRecord[] }> {
    const measured = await this.findMeasured(studyId, trials.map((t) => t.params), tx);
    const reused = await this.insertReused(studyId, trials.flatMap((t, i) => (measured.has(i) ? [{ ...t, from: measured.get(i)! }] : [])), tx);
    const queued = await this.insertQueued(studyId, trials.filter((_, i) => !measured.has(i)), tx);
    return { queued, reused };
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

  /** When each listed trial was created, started and ended (what telemetry measures), in one statement; unknown ids are absent. */
  async timesOf(ids: readonly string[]): Promise<Map<string, TrialTimes>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; created_at: Date; started_at: Date | null; ended_at: Date | null }[] = await this.dataSource.manager.query(
      `SELECT id, created_at, started_at, ended_at FROM ${this.table()} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { createdAt: r.created_at, ...(r.started_at && { startedAt: r.started_at }), ...(r.ended_at && { endedAt: r.ended_at }) }]));
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
                THEN (SELECT max(value) FROM ${t} WHERE study_id = v.id AND state = 'COMPLETE' AND feasible IS NOT FALSE)
                ELSE (SELECT min(value) FROM ${t} WHERE study_id = v.id AND state = 'COMPLETE' AND feasible IS NOT FALSE) END AS value
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
        feasible: outcome.feasible ?? null,
        violation: outcome.violation ?? null,
        score: outcome.score ? { ...outcome.score } : null,
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
    const changedStudy = (result.raw as { study_id: string }[])[0]?.study_id;
    if (changedStudy) await this.measurementRows.insert([{ trialId: id, ...outcome }], tx);
    return changedStudy;
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
      feasible: o.feasible ?? null,
      violation: o.violation ?? null,
      score: o.score ?? null,
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
          SET state = v.state, value = v.value, metrics = v.metrics, feasible = v.feasible, violation = v.violation, score = v.score,
              note = v.note, error = v.error, worker_id = v.worker_id, started_at = COALESCE(t.started_at, v.started_at), ended_at = v.ended_at
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, study_id uuid, state varchar, value float8, metrics jsonb,
              feasible boolean, violation float8, score jsonb, note text, error text, worker_id text, started_at timestamptz, ended_at timestamptz)
        WHERE t.id = v.id AND t.study_id = v.study_id AND t.state IN ('QUEUED', 'RUNNING')
    RETURNING t.id, t.study_id, t.number, t.params`,
      [JSON.stringify(rows)],
    );
    const changed = new Map(updated.map((r) => [r.id, toChangedTrial(r)]));
    await this.measurementRows.insert(items.filter((i) => changed.has(i.trialId)).map((i) => ({ trialId: i.trialId, ...i.outcome })), tx);
    return changed;
  }

  /**
   * PRUNED for each listed trial still pending, in one statement: its value
   * and metrics those of the step it was stopped at, that step its last, the
   * pruner's reason as its error. Returns the trials that changed, by id.
   */
  async prune(items: readonly PrunedTrial[], tx?: EntityManager): Promise<Map<string, ChangedTrial>> {
    if (items.length === 0) return new Map();
    const rows = items.map((p) => ({ id: p.trialId, study_id: p.studyId, value: p.value ?? null, metrics: p.metrics, last_step: p.step, error: p.reason, ended_at: p.endedAt.toISOString() }));
    const [updated]: [ChangedTrialRow[], number] = await (tx ?? this.dataSource.manager).query(
      `UPDATE ${this.table(tx)} AS t
          SET state = 'PRUNED', value = v.value, metrics = v.metrics, last_step = v.last_step, error = v.error, ended_at = v.ended_at,
              -- Still QUEUED when its steps came first (the worker's "active" not yet recorded): it started at its first step.
              started_at = COALESCE(t.started_at, (SELECT min(s.reported_at) FROM ${this.steps(tx)} s WHERE s.trial_id = t.id), v.ended_at)
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, study_id uuid, value float8, metrics jsonb, last_step int, error text, ended_at timestamptz)
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
    return quotedTable(this.repo(tx).metadata);
  }

  private steps(tx?: EntityManager): string {
    return quotedTable((tx ?? this.dataSource.manager).getRepository(TrialStepEntity).metadata);
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(TrialEntity);
  }
}
