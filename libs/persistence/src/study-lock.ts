import type { DataSource, EntityManager } from 'typeorm';

export type LockResult<T> = { readonly acquired: false } | { readonly acquired: true; readonly value: T };

/**
 * Runs `work` in a transaction while holding the study's PostgreSQL advisory
 * lock, then `afterCommit` (e.g. enqueueing jobs for the rows just committed)
 * still under the lock. The lock is session-level on one connection, so it is
 * released when that connection ends: a coordinator that dies frees its
 * studies, and another takes them over on its next sweep.
 *
 * With `wait: false` (the driver's ticks) a study locked elsewhere is skipped;
 * with `wait: true` (stop) the call waits for the holder to finish.
 */
export async function withStudyLock<T>(
  dataSource: DataSource,
  studyId: string,
  options: { readonly wait: boolean },
  work: (tx: EntityManager) => Promise<T>,
  afterCommit?: (value: T) => Promise<void>,
): Promise<LockResult<T>> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const fn = options.wait ? 'pg_advisory_lock' : 'pg_try_advisory_lock';
    const rows: { locked: boolean | null }[] = await runner.query(
      `SELECT ${fn}(hashtext('attune.study'), hashtext($1))${options.wait ? ' IS NULL' : ''} AS locked`,
      [studyId],
    );
    if (!options.wait && !rows[0].locked) return { acquired: false };
    try {
      await runner.startTransaction();
      let value: T;
      try {
        value = await work(runner.manager);
        await runner.commitTransaction();
      } catch (e) {
        await runner.rollbackTransaction();
        throw e;
      }
      if (afterCommit) await afterCommit(value);
      return { acquired: true, value };
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('attune.study'), hashtext($1))`, [studyId]);
    }
  } finally {
    await runner.release();
  }
}
