import type { TrialState } from '@attune/core/trial/trial-state';
import type { DataSource, EntityManager } from 'typeorm';
import { TrialEntity } from '../entities/trial.entity';
import { TrialStepEntity } from '../entities/trial-step.entity';
import { toTrialStepRecord } from '../mappers/trial-step.mapper';
import type { MetricStep, NewTrialStep, StoredSteps, TrialCurveRecord, TrialStepRecord, TrialStepState } from '../records/trial-step.record';
import { quotedTable } from './quoted-table';
import type { Page } from './study.repository';

/** Which trials a refresh of a copy of a study's steps reads (see `TrialStepRepository.states`). */
export interface StepStatesQuery {
  /** Trials pending in the copy: they may have ended, and reported more steps. */
  readonly numbers: readonly number[];
  /** Every trial from this number on (new since the copy was made). */
  readonly from: number;
  /** Trials that ended less than this long ago: a worker's last steps may be ingested after its result. */
  readonly endedWithinMs: number;
}

interface StoreRow {
  readonly known: boolean;
  readonly state: string | null;
  readonly inserted: { step: number; metrics: Record<string, number>; reported_at: string }[];
}

interface StateRow {
  readonly id: string;
  readonly number: number;
  readonly state: string;
  readonly value: number | null;
  readonly last_step: number | null;
  readonly step_count: number;
}

/**
 * Trials' intermediate values (TrialStepEntity) and their bookkeeping on the
 * trial row (`last_step`, `step_count`). Storing is idempotent per (trial,
 * step): a replayed report stores nothing and counts nothing.
 */
export class TrialStepRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a batch of one trial's steps in one statement, if the trial
   * exists in the study (in any state: steps of a trial that ended meanwhile
   * are history too), keeping at most `maxPerTrial` steps of a trial.
   * Counts them on the trial and raises its `last_step`, except on a PRUNED
   * trial, whose last step is the one it was stopped at.
   */
  async store(studyId: string, trialId: string, steps: readonly NewTrialStep[], maxPerTrial: number, tx?: EntityManager): Promise<StoredSteps> {
    const rows = steps.map((s) => ({ step: s.step, metrics: s.metrics, reported_at: s.reportedAt.toISOString() }));
    const [row]: StoreRow[] = await this.manager(tx).query(
      `WITH t AS (
         SELECT id, study_id, step_count, state FROM ${this.trials(tx)} WHERE id = $1 AND study_id = $2
       ), ins AS (
         INSERT INTO ${this.steps(tx)} (trial_id, study_id, step, metrics, reported_at)
         SELECT t.id, t.study_id, v.step, v.metrics, v.reported_at
           FROM t, ROWS FROM (jsonb_to_recordset($3::jsonb) AS (step int, metrics jsonb, reported_at timestamptz)) WITH ORDINALITY AS v(step, metrics, reported_at, i)
          WHERE v.i <= $4 - t.step_count
         ON CONFLICT DO NOTHING
         RETURNING step, metrics, reported_at
       ), counted AS (
         UPDATE ${this.trials(tx)} AS tr
            SET step_count = tr.step_count + (SELECT count(*) FROM ins),
                last_step = CASE WHEN tr.state = 'PRUNED' THEN tr.last_step ELSE GREATEST(tr.last_step, (SELECT max(step) FROM ins)) END
          WHERE tr.id = $1 AND EXISTS (SELECT 1 FROM ins)
          RETURNING tr.id
       )
       SELECT EXISTS (SELECT 1 FROM t) AS known, (SELECT state FROM t) AS state,
              COALESCE((SELECT jsonb_agg(ins ORDER BY ins.step) FROM ins), '[]'::jsonb) AS inserted,
              (SELECT count(*) FROM counted) AS counted`,
      [trialId, studyId, JSON.stringify(rows), maxPerTrial],
    );
    return { known: row.known, ...(row.state !== null && { state: row.state as TrialState }), inserted: row.inserted.map((r) => toTrialStepRecord({ step: r.step, metrics: r.metrics, reportedAt: new Date(r.reported_at) })) };
  }

  /** A trial's steps, in rising order. */
  async listByTrial(trialId: string): Promise<TrialStepRecord[]> {
    const rows = await this.manager().getRepository(TrialStepEntity).find({ where: { trialId }, order: { step: 'ASC' } });
    return rows.map(toTrialStepRecord);
  }

  /** Every trial of a study with its step bookkeeping, ordered by number (a copy's first read). */
  async allStates(studyId: string): Promise<TrialStepState[]> {
    const rows: StateRow[] = await this.manager().query(
      `SELECT id, number, state, value, last_step, step_count FROM ${this.trials()} WHERE study_id = $1 ORDER BY number`,
      [studyId],
    );
    return rows.map(toStepState);
  }

  /**
   * The trials of a study whose state or steps may differ from a copy (see
   * StepStatesQuery): trials that ended long ago change no more, except by
   * a very late step, which a copy may miss.
   */
  async states(studyId: string, query: StepStatesQuery): Promise<TrialStepState[]> {
    const rows: StateRow[] = await this.manager().query(
      `SELECT id, number, state, value, last_step, step_count FROM ${this.trials()}
        WHERE study_id = $1 AND (number = ANY($2::int[]) OR number >= $3 OR ended_at > now() - make_interval(secs => $4))
        ORDER BY number`,
      [studyId, query.numbers, query.from, query.endedWithinMs / 1000],
    );
    return rows.map(toStepState);
  }

  /**
   * One metric at each step of these trials after the step given for each
   * (-1: all), ordered by trial and step; a step without the metric as a
   * number has no value.
   */
  async metricSteps(after: readonly { trialId: string; step: number }[], metric: string): Promise<MetricStep[]> {
    if (after.length === 0) return [];
    const rows: { trial_id: string; step: number; value: number | null }[] = await this.manager().query(
      `SELECT s.trial_id, s.step, CASE WHEN jsonb_typeof(s.metrics -> $2) = 'number' THEN (s.metrics ->> $2)::float8 END AS value
         FROM jsonb_to_recordset($1::jsonb) AS v(trial_id uuid, step int)
         JOIN ${this.steps()} s ON s.trial_id = v.trial_id AND s.step > v.step
        ORDER BY s.trial_id, s.step`,
      [JSON.stringify(after.map((a) => ({ trial_id: a.trialId, step: a.step }))), metric],
    );
    return rows.map((r) => ({ trialId: r.trial_id, step: r.step, ...(r.value !== null && { value: r.value }) }));
  }

  /**
   * A page of a study's trials that reported steps, by number, each with its
   * curve of one metric. At most `maxPoints` points in the page: a trial's
   * curve with more than its share is thinned to every k-th step, its last
   * step kept.
   */
  async curves(studyId: string, metric: string, page: { limit: number; offset: number }, maxPoints: number): Promise<Page<TrialCurveRecord>> {
    const [{ total }]: { total: string }[] = await this.manager().query(`SELECT count(*) AS total FROM ${this.trials()} WHERE study_id = $1 AND step_count > 0`, [studyId]);
    const trials: { id: string; number: number; state: string }[] = await this.manager().query(
      `SELECT id, number, state FROM ${this.trials()} WHERE study_id = $1 AND step_count > 0 ORDER BY number LIMIT $2 OFFSET $3`,
      [studyId, page.limit, page.offset],
    );
    if (trials.length === 0) return { items: [], total: Number(total) };
    const perTrial = Math.max(2, Math.floor(maxPoints / trials.length));
    const points: { trial_id: string; step: number; value: number }[] = await this.manager().query(
      `SELECT trial_id, step, value FROM (
         SELECT s.trial_id, s.step, (s.metrics ->> $2)::float8 AS value,
                row_number() OVER w AS rn, count(*) OVER (PARTITION BY s.trial_id) AS n
           FROM ${this.steps()} s
          WHERE s.trial_id = ANY($1::uuid[]) AND jsonb_typeof(s.metrics -> $2) = 'number'
         WINDOW w AS (PARTITION BY s.trial_id ORDER BY s.step)
       ) p
       WHERE (rn - 1) % GREATEST(1, ceil(n::float8 / $3)::int) = 0 OR rn = n
       ORDER BY trial_id, step`,
      [trials.map((t) => t.id), metric, perTrial - 1],
    );
    const byTrial = new Map<string, { steps: number[]; values: number[] }>(trials.map((t) => [t.id, { steps: [], values: [] }]));
    for (const p of points) {
      const curve = byTrial.get(p.trial_id)!;
      curve.steps.push(p.step);
      curve.values.push(p.value);
    }
    return { items: trials.map((t) => ({ number: t.number, state: t.state as TrialState, ...byTrial.get(t.id)! })), total: Number(total) };
  }

  private manager(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private trials(tx?: EntityManager): string {
    return quotedTable(this.manager(tx).getRepository(TrialEntity).metadata);
  }

  private steps(tx?: EntityManager): string {
    return quotedTable(this.manager(tx).getRepository(TrialStepEntity).metadata);
  }
}

function toStepState(row: StateRow): TrialStepState {
  return {
    id: row.id,
    number: row.number,
    state: row.state as TrialState,
    ...(row.value !== null && { value: row.value }),
    ...(row.last_step !== null && { lastStep: row.last_step }),
    stepCount: row.step_count,
  };
}
