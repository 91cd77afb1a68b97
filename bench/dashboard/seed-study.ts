import { normalizeObjectives } from '@attune/core/objective/normalize-objectives';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { Client } from 'pg';
import { seededEvents, type SeededEvent } from './seeded-events';
import { seededHistory, type SeededTrial } from './seeded-history';

/** What was written for one study. */
export interface SeedSummary {
  readonly trials: number;
  readonly failed: number;
  readonly measurements: number;
  readonly events: number;
  /** The simulated run's length (first trial created → study ended). */
  readonly runHours: number;
}

/** Rows per INSERT: one JSON parameter of about a megabyte. */
const CHUNK = 2000;

/**
 * Replaces a RUNNING study's trials (the driver's first proposals, queued
 * for a target no worker serves) by a finished history of `count` trials,
 * with their measurements and event log, and ends the study COMPLETE with
 * the reason the driver gives, in one transaction. The study's advisory lock
 * (the driver's, see libs/persistence/src/study-lock.ts) is held meanwhile,
 * so no tick of the coordinator's can interleave; once COMPLETE the driver
 * leaves the study alone.
 */
export async function seedStudy(databaseUrl: string, schema: string, studyId: string, count: number, seed: number): Promise<SeedSummary> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'attune-bench-dashboard', options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('attune.study'), hashtext($1))`, [studyId]);
    await client.query('BEGIN');
    const summary = await replaceHistory(client, studyId, count, seed);
    await client.query('COMMIT');
    return summary;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

async function replaceHistory(client: Client, studyId: string, count: number, seed: number): Promise<SeedSummary> {
  const study = (await client.query<{ spec: StudySpec; state: string }>('SELECT spec, state FROM studies WHERE id = $1 FOR UPDATE', [studyId])).rows[0];
  if (!study) throw new Error(`study ${studyId} is not in the schema`);
  if (study.state !== 'RUNNING') throw new Error(`study ${studyId} is ${study.state} before seeding: the driver ended it (see the coordinator's log)`);
  const logged = (await client.query<{ kind: string; origin: string | null }>('SELECT kind, origin FROM study_events WHERE study_id = $1 ORDER BY seq', [studyId])).rows;
  if (logged.length !== 1 || logged[0].kind !== 'study-created') throw new Error(`study ${studyId}: expected only its study-created event, found ${logged.map((e) => e.kind).join(', ')}`);
  const history = seededHistory(study.spec, count, seed, new Date(Date.now() - 1000));
  const endedAt = new Date(history.endedAt.getTime() + 60);
  const reason = `maxTrials reached (${study.spec.budget.maxTrials})`;
  const events = seededEvents(history.trials, normalizeObjectives(study.spec), { at: endedAt, reason });
  await client.query('DELETE FROM trials WHERE study_id = $1', [studyId]);
  for (let i = 0; i < history.trials.length; i += CHUNK) await insertTrials(client, studyId, history.trials.slice(i, i + CHUNK));
  const measurements = history.trials.flatMap((t) => t.measurements.map((m) => ({ trial_id: t.id, repeat: m.repeat, metrics: m.metrics, duration_ms: m.durationMs, worker_id: t.workerId, started_at: m.startedAt })));
  for (let i = 0; i < measurements.length; i += CHUNK) await insertMeasurements(client, measurements.slice(i, i + CHUNK));
  for (let i = 0; i < events.length; i += CHUNK) await insertEvents(client, studyId, logged[0].origin, events.slice(i, i + CHUNK), 2 + i);
  await client.query('UPDATE study_events SET created_at = $2 WHERE study_id = $1 AND seq = 1', [studyId, history.startedAt]);
  await client.query(`UPDATE studies SET state = 'COMPLETE', stop_reason = $2, created_at = $3, ended_at = $4, updated_at = $4, event_seq = $5 WHERE id = $1`, [
    studyId,
    reason,
    history.startedAt,
    endedAt,
    1 + events.length,
  ]);
  return {
    trials: history.trials.length,
    failed: history.trials.filter((t) => t.state === 'FAILED').length,
    measurements: measurements.length,
    events: 1 + events.length,
    runHours: (endedAt.getTime() - history.startedAt.getTime()) / 3_600_000,
  };
}

/** Every column of `trials` (libs/persistence/src/entities/trial.entity.ts) but `signature`, which its trigger sets; no trace (tracing off). */
async function insertTrials(client: Client, studyId: string, trials: readonly SeededTrial[]): Promise<void> {
  const rows = trials.map((t) => ({
    id: t.id,
    number: t.number,
    state: t.state,
    params: t.params,
    origin: t.origin,
    meta: t.meta,
    value: t.value,
    feasible: t.feasible,
    violation: t.violation,
    score: t.score,
    metrics: t.metrics,
    error: t.error,
    worker_id: t.workerId,
    created_at: t.createdAt,
    started_at: t.startedAt,
    ended_at: t.endedAt,
  }));
  await client.query(
    `INSERT INTO trials (id, study_id, number, state, params, origin, meta, value, feasible, violation, score, metrics, note, error, worker_id, trace_id, created_at, started_at, ended_at)
     SELECT v.id, $2::uuid, v.number, v.state, v.params, v.origin, v.meta, v.value, v.feasible, v.violation, v.score, v.metrics, NULL, v.error, v.worker_id, NULL, v.created_at, v.started_at, v.ended_at
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, number int, state varchar, params jsonb, origin varchar, meta jsonb, value float8, feasible boolean,
            violation float8, score jsonb, metrics jsonb, error text, worker_id text, created_at timestamptz, started_at timestamptz, ended_at timestamptz)`,
    [JSON.stringify(rows), studyId],
  );
}

/** As libs/persistence/src/repositories/measurement.repository.ts inserts them (no warm-ups here). */
async function insertMeasurements(client: Client, rows: readonly object[]): Promise<void> {
  await client.query(
    `INSERT INTO measurements (trial_id, repeat, warmup, metrics, duration_ms, worker_id, started_at)
     SELECT v.trial_id, v.repeat, false, v.metrics, v.duration_ms, v.worker_id, v.started_at
       FROM jsonb_to_recordset($1::jsonb) AS v(trial_id uuid, repeat int, metrics jsonb, duration_ms float8, worker_id text, started_at timestamptz)`,
    [JSON.stringify(rows)],
  );
}

/** Events numbered from `firstSeq`, the payload without `kind` (libs/persistence/src/repositories/study-event.repository.ts), from the coordinator that wrote study-created. */
async function insertEvents(client: Client, studyId: string, origin: string | null, events: readonly SeededEvent[], firstSeq: number): Promise<void> {
  const rows = events.map(({ event: { kind, ...payload }, at }, i) => ({ seq: firstSeq + i, kind, payload, created_at: at }));
  await client.query(
    `INSERT INTO study_events (study_id, seq, kind, payload, origin, created_at)
     SELECT $2::uuid, v.seq, v.kind, v.payload, $3::uuid, v.created_at
       FROM jsonb_to_recordset($1::jsonb) AS v(seq int, kind text, payload jsonb, created_at timestamptz)`,
    [JSON.stringify(rows), studyId, origin],
  );
}
