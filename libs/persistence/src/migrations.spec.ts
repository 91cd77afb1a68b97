import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedEnv } from '../../../test/support/isolated-env';
import { openDataSource } from './open-data-source';
import { revertLastMigration, runMigrations } from './run-migrations';

const iso = createIsolatedEnv();
let ds: DataSource;

async function tables(): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
    [iso.schema],
  );
  return rows.map((r) => r.table_name);
}

async function columns(table: string): Promise<string[]> {
  const rows: { column_name: string }[] = await ds.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
    [iso.schema, table],
  );
  return rows.map((r) => r.column_name);
}

describe('migrations', () => {
  beforeAll(async () => {
    // Pool of one, as `attune migrate` opens it: the lock and the migrations share the connection.
    ds = await openDataSource({ url: iso.databaseUrl, schema: iso.schema }, 1);
  });
  afterAll(async () => {
    await ds?.destroy();
    await iso.cleanup();
  });

  it('creates the schema, then applies every migration once, even when run concurrently', async () => {
    const [a, b] = await Promise.all([runMigrations(ds), runMigrations(ds)]);
    expect([...a, ...b]).toEqual(['InitialSchema1795350084970', 'StudyEvents1796280570244', 'TrialNote1796289700190', 'MeasurementModel1796370000000', 'Verifications1796380000000', 'TrialTraceId1796390000000', 'Projects1796400000000', 'TrialSteps1796410000000']);
    expect(await tables()).toEqual(['api_tokens', 'audit_log', 'measurements', 'projects', 'studies', 'study_events', 'trial_steps', 'trials', 'typeorm_migrations', 'verification_measurements', 'verifications']);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('has the named indexes the driver and the API query by', async () => {
    const rows: { indexname: string }[] = await ds.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1`, [iso.schema]);
    expect(rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining(['studies_state_idx', 'trials_study_number_uq', 'trials_study_state_idx', 'trials_study_best_idx']),
    );
  });

  it('signs each configuration in storage: the same params, however written, the same signature', async () => {
    await ds.query(`INSERT INTO studies (id, name, target, spec, state) VALUES ('00000000-0000-4000-8000-000000000001', 's', 't', '{}', 'RUNNING')`);
    const insert = (n: number, params: string) =>
      ds.query(`INSERT INTO trials (id, study_id, number, state, params) VALUES (gen_random_uuid(), '00000000-0000-4000-8000-000000000001', $1, 'QUEUED', $2::jsonb)`, [n, params]);
    await insert(0, '{"b": 2, "a": "x"}');
    await insert(1, '{"a":"x","b":2}');
    await insert(2, '{"a": "x", "b": 3}');
    const rows: { signature: string }[] = await ds.query(`SELECT signature FROM trials ORDER BY number`);
    expect(rows[0].signature).toMatch(/^[0-9a-f]{32}$/);
    expect(rows[1].signature).toBe(rows[0].signature);
    expect(rows[2].signature).not.toBe(rows[0].signature);
    await ds.query(`DELETE FROM studies`);
  });

  it('puts the studies of an older version in the default project', async () => {
    await revertLastMigration(ds);
    await revertLastMigration(ds);
    await ds.query(`INSERT INTO studies (id, name, target, spec, state) VALUES ('00000000-0000-4000-8000-000000000002', 'old', 't', '{}', 'RUNNING')`);
    expect(await runMigrations(ds)).toEqual(['Projects1796400000000', 'TrialSteps1796410000000']);
    expect(await ds.query(`SELECT s.project, p.name FROM studies s JOIN projects p ON p.name = s.project`)).toEqual([{ project: 'default', name: 'default' }]);
    await ds.query(`DELETE FROM studies`);
  });

  it('reverts down to an empty schema and applies again', async () => {
    await revertLastMigration(ds);
    expect(await tables()).not.toContain('trial_steps');
    expect(await columns('trials')).not.toContain('last_step');
    expect(await columns('trials')).not.toContain('step_count');
    await revertLastMigration(ds);
    expect(await tables()).not.toContain('projects');
    expect(await columns('studies')).not.toContain('project');
    expect(await columns('trials')).toContain('trace_id');
    await revertLastMigration(ds);
    expect(await columns('trials')).not.toContain('trace_id');
    await revertLastMigration(ds);
    expect(await tables()).not.toContain('verifications');
    await revertLastMigration(ds);
    expect(await tables()).not.toContain('measurements');
    expect(await columns('trials')).not.toContain('signature');
    await revertLastMigration(ds);
    expect(await columns('trials')).not.toContain('note');
    await revertLastMigration(ds);
    expect(await tables()).toEqual(['studies', 'trials', 'typeorm_migrations']);
    await revertLastMigration(ds);
    expect(await tables()).toEqual(['typeorm_migrations']);
    expect(await runMigrations(ds)).toEqual(['InitialSchema1795350084970', 'StudyEvents1796280570244', 'TrialNote1796289700190', 'MeasurementModel1796370000000', 'Verifications1796380000000', 'TrialTraceId1796390000000', 'Projects1796400000000', 'TrialSteps1796410000000']);
    expect(await columns('trials')).toContain('note');
    expect(await tables()).toEqual(['api_tokens', 'audit_log', 'measurements', 'projects', 'studies', 'study_events', 'trial_steps', 'trials', 'typeorm_migrations', 'verification_measurements', 'verifications']);
  });
});
