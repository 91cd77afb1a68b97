import { VerificationRepository } from '@attune/persistence/repositories/verification.repository';
import { StudyEventRepository } from '@attune/persistence/repositories/study-event.repository';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { TrialStepRepository } from '@attune/persistence/repositories/trial-step.repository';
import { TrialSummaryRepository } from '@attune/persistence/repositories/trial-summary.repository';
import type { DataSource } from 'typeorm';

/** Name of the TypeORM data source whose pool serves only reads (DATABASE_READ_POOL_SIZE). */
export const READS_DATA_SOURCE = 'reads';

/**
 * The repositories on the read pool: what the API's GET routes, the SSE
 * pages and /health use. A bulkhead: the driver's ticks, ingestion and a
 * burst of submissions share the main pool and can fill it, but never make
 * a read wait behind them.
 */
export class DatabaseReads {
  readonly studies: StudyRepository;
  readonly trials: TrialRepository;
  readonly trialSummaries: TrialSummaryRepository;
  readonly trialSteps: TrialStepRepository;
  readonly events: StudyEventRepository;
  readonly verifications: VerificationRepository;

  constructor(readonly dataSource: DataSource) {
    this.studies = new StudyRepository(dataSource);
    this.trials = new TrialRepository(dataSource);
    this.trialSummaries = new TrialSummaryRepository(dataSource);
    this.trialSteps = new TrialStepRepository(dataSource);
    this.events = new StudyEventRepository(dataSource);
    this.verifications = new VerificationRepository(dataSource);
  }
}
