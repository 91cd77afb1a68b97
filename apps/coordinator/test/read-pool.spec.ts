import type { QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studySpec, testCoordinator } from '../../../test/support/test-coordinator';
import { DatabaseReads } from '../src/database/database-reads';

const POOL_SIZE = 3;
const tc = testCoordinator({ DATABASE_POOL_SIZE: String(POOL_SIZE), DATABASE_READ_POOL_SIZE: '2' });
let held: QueryRunner[] = [];

beforeAll(() => tc.start());
afterAll(async () => {
  await releaseHeld();
  await tc.destroy();
});

/** Takes `size` connections of a pool: as a burst of submissions or busy ticks would take the main pool's. */
async function exhaust(pool: DataSource, size: number): Promise<QueryRunner[]> {
  const runners = Array.from({ length: size }, () => pool.createQueryRunner());
  await Promise.all(runners.map((q) => q.connect()));
  return runners;
}

async function releaseHeld(): Promise<void> {
  await Promise.all(held.map((q) => q.release()));
  held = [];
}

/** The response, or 'no answer' when none came within `ms` (a request waiting for a pool connection never answers while the pool is held). */
async function within<T>(ms: number, request: Promise<T>): Promise<T | 'no answer'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'no answer'>((resolve) => (timer = setTimeout(() => resolve('no answer'), ms)));
  return Promise.race([request, late]).finally(() => clearTimeout(timer));
}

describe('the read pool', () => {
  it('answers /health and the read routes while the main pool is taken', async () => {
    const created = await tc.http.post('/studies', studySpec({ target: 'nobody-serves-this' }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    held = await exhaust(tc.running!.app.get(DataSource), POOL_SIZE);

    const answers = await Promise.all(
      ['/health', '/studies', `/studies/${id}`, `/studies/${id}/trials`].map((path) => within(5000, tc.http.get(path).then((r) => r.status))),
    );
    expect(answers).toEqual([200, 200, 200, 200]);
    await releaseHeld();
  });

  it('is not where the write routes read their answers: submissions go on while it is taken', async () => {
    held = await exhaust(tc.running!.app.get(DatabaseReads).dataSource, 2);
    const created = await within(5000, tc.http.post('/studies', studySpec({ target: 'nobody-serves-this' })));
    expect(created).toMatchObject({ status: 201, body: { state: 'RUNNING' } });
    await releaseHeld();
  });
});
