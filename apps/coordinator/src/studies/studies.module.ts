import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { DriverModule } from '../driver/driver.module';
import { EventsModule } from '../events/events.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { QueuesModule } from '../queues/queues.module';
import { WorkersModule } from '../workers/workers.module';
import { VerificationModule } from '../verification/verification.module';
import { StudiesController } from './studies.controller';
import { StudyStepsController } from './study-steps.controller';
import { StepQueries } from './step-queries.service';
import { StudyCommands } from './study-commands.service';
import { TrialEnqueue } from './trial-enqueue.service';
import { WarmStart } from './warm-start.service';
import { StudyQueries, WRITE_ROUTE_QUERIES } from './study-queries.service';
import { DatabaseReads } from '../database/database-reads';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { TrialSummaryRepository } from '@attune/persistence/repositories/trial-summary.repository';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { WorkerDirectory } from '../workers/worker-directory.service';

/** The REST API over studies and trials. */
@Module({
  imports: [AuthModule, DatabaseModule, DriverModule, EventsModule, IngestionModule, QueuesModule, WorkersModule, VerificationModule],
  controllers: [StudiesController, StudyStepsController],
  providers: [
    StudyCommands,
    TrialEnqueue,
    WarmStart,
    StepQueries,
    {
      provide: StudyQueries,
      inject: [DatabaseReads, WorkerDirectory, EvaluationQueues],
      useFactory: (reads: DatabaseReads, workers: WorkerDirectory, queues: EvaluationQueues) => new StudyQueries(reads.studies, reads.trials, reads.trialSummaries, workers, queues),
    },
    {
      provide: WRITE_ROUTE_QUERIES,
      inject: [StudyRepository, TrialRepository, TrialSummaryRepository, WorkerDirectory, EvaluationQueues],
      useFactory: (s: StudyRepository, t: TrialRepository, summaries: TrialSummaryRepository, workers: WorkerDirectory, queues: EvaluationQueues) =>
        new StudyQueries(s, t, summaries, workers, queues),
    },
  ],
})
export class StudiesModule {}
