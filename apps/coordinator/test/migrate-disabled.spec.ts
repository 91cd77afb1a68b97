import { openDataSource } from '@attune/persistence/open-data-source';
import { MIGRATIONS } from '@attune/persistence/migrations.list';
import { runMigrations } from '@attune/persistence/run-migrations';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testCoordinator } from '../../../test/support/test-coordinator';

// As on Kubernetes: coordinators with ATTUNE_MIGRATE=false, migrations applied by a Job.
const tc = testCoordinator({ ATTUNE_MIGRATE: 'false', LOG_LEVEL: 'error' });

afterAll(() => tc.destroy());

async function tablesOf(schema: string): Promise<string[]> {
  const client = new Client({ connectionString: tc.iso.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
      [schema],
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe('a coordinator with ATTUNE_MIGRATE=false', () => {
  it('refuses to start on a schema that is not migrated, naming the pending migrations and the fix, and creates no table', async () => {
    await expect(tc.start()).rejects.toThrow(
      new RegExp(`ATTUNE_MIGRATE=false and ${MIGRATIONS.length} migration\\(s\\) are not applied to schema "${tc.iso.schema}" \\(${MIGRATIONS.map((m) => m.name).join(', ')}\\): run \`attune migrate\` first`),
    );
    expect(await tablesOf(tc.iso.schema)).toEqual([]);
  });

  it('starts and reports healthy once the migrations have been applied by someone else', async () => {
    const ds = await openDataSource({ url: tc.iso.databaseUrl, schema: tc.iso.schema }, 2);
    try {
      await runMigrations(ds);
    } finally {
      await ds.destroy();
    }
    await tc.start();
    expect(await tc.http.get('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});
