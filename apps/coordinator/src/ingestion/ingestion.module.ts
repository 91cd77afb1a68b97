import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { DriverModule } from '../driver/driver.module';
import { EventsModule } from '../events/events.module';
import { QueuesModule } from '../queues/queues.module';
import { VerificationModule } from '../verification/verification.module';
import { EvaluationEvents } from './evaluation-events.service';
import { FailedResultsRetry } from './failed-results-retry.service';
import { OutcomeWriter } from './outcome-writer.service';
import { ResultIngestionService } from './result-ingestion.service';
import { ResultsProcessor } from './results.processor';
import { StepsProcessor } from './steps.processor';
import { PruningModule } from '../pruning/pruning.module';

/** Results and steps from workers (durable queues) and evaluation-queue events, recorded on trials with their study events. */
@Module({
  imports: [DatabaseModule, QueuesModule, EventsModule, DriverModule, VerificationModule, PruningModule],
  providers: [ResultIngestionService, OutcomeWriter, ResultsProcessor, StepsProcessor, FailedResultsRetry, EvaluationEvents],
  exports: [EvaluationEvents],
})
export class IngestionModule {}
