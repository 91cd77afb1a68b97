import type { DataSource } from 'typeorm';
import type { Transaction } from './transaction';

export type LockResult<T> = { readonly acquired: false } | { readonly acquired: true; readonly value: T };

/**
 * A study's session while its advisory lock is held: one connection, on which
 * the holder opens short transactions as it needs them. Work between them
 * (a proposal in a worker thread, say) holds no transaction open.
 */
export interface StudySession {
  /** Runs `work` in a transaction on the session's connection; rolls back if it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs `work` on the session's connection with no transaction: each statement on its own (reads). */
  read<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

/**
 * Runs `work` while holding the study's PostgreSQL advisory lock, if no one
 * else holds it (`acquired: false` otherwise: another coordinator drives the
 * study meanwhile). The lock is session-level on one connection, so it is
 * released when that connection ends: a coordinator that dies frees its
 * studies, and another takes them over on its next sweep. Nothing else ever
 * waits for this lock: stopping a study is a plain conditional update that the
 * holder notices before it inserts anything.
 */
export async function withStudySession<T>(dataSource: DataSource, studyId: string, work: (session: StudySession) => Promise<T>): Promise<LockResult<T>> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const rows: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext('attune.study'), hashtext($1)) AS locked`, [studyId]);
    if (!rows[0].locked) return { acquired: false };
    try {
      const session: StudySession = {
        async transaction(fn) {
          await runner.startTransaction();
          try {
            const value = await fn(runner.manager);
            await runner.commitTransaction();
            return value;
          } catch (e) {
            await runner.rollbackTransaction();
            throw e;
          }
        },
        read: (fn) => fn(runner.manager),
      };
      return { acquired: true, value: await work(session) };
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('attune.study'), hashtext($1))`, [studyId]);
    }
  } finally {
    await runner.release();
  }
}
