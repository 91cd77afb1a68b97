import type { DataSource } from 'typeorm';
import { withStudySession, type LockResult, type StudySession } from './study-lock';
import type { Transaction } from './transaction';

/**
 * Study sessions and plain transactions for code outside libs/persistence:
 * withStudySession bound to the application's data source, so that callers
 * inject this instead of TypeORM's DataSource.
 */
export class StudyLocks {
  constructor(private readonly dataSource: DataSource) {}

  /** See withStudySession: `work` runs holding the study's advisory lock, if no one else holds it. */
  session<T>(studyId: string, work: (session: StudySession) => Promise<T>): Promise<LockResult<T>> {
    return withStudySession(this.dataSource, studyId, work);
  }

  /** A transaction taking no study lock (a stop: a conditional update that the lock's holder notices). */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
