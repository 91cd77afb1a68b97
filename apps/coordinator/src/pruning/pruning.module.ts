import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { DriverModule } from '../driver/driver.module';
import { EventsModule } from '../events/events.module';
import { QueuesModule } from '../queues/queues.module';
import { PruneWriter } from './prune-writer.service';
import { StepHistories } from './step-histories.service';
import { StepIngestion } from './step-ingestion.service';

/** Trials' intermediate values and the pruning decisions made on them (the steps queue's processor is IngestionModule's). */
@Module({
  imports: [DatabaseModule, QueuesModule, EventsModule, DriverModule],
  providers: [StepHistories, PruneWriter, StepIngestion],
  exports: [StepIngestion],
})
export class PruningModule {}
