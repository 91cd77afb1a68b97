import type { DataSource } from 'typeorm';
import { withStudyLock, type LockResult } from './study-lock';
import type { Transaction } from './transaction';

/**
 * A study's advisory lock and transaction for code outside libs/persistence:
 * withStudyLock bound to the application's data source, so that callers
 * inject this instead of TypeORM's DataSource.
 */
export class StudyLocks {
  constructor(private readonly dataSource: DataSource) {}

  /** See withStudyLock: `work` runs in a transaction under the study's lock, `afterCommit` after it commits, still locked. */
  run<T>(
    studyId: string,
    options: { readonly wait: boolean },
    work: (tx: Transaction) => Promise<T>,
    afterCommit?: (value: T) => Promise<void>,
  ): Promise<LockResult<T>> {
    return withStudyLock(this.dataSource, studyId, options, work, afterCommit);
  }
}
