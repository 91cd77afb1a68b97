import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { DriverModule } from '../driver/driver.module';
import { EventsModule } from '../events/events.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { QueuesModule } from '../queues/queues.module';
import { WorkersModule } from '../workers/workers.module';
import { StudiesController } from './studies.controller';
import { StudyCommands } from './study-commands.service';
import { StudyQueries } from './study-queries.service';

/** The REST API over studies and trials. */
@Module({
  imports: [DatabaseModule, DriverModule, EventsModule, IngestionModule, QueuesModule, WorkersModule],
  controllers: [StudiesController],
  providers: [StudyQueries, StudyCommands],
})
export class StudiesModule {}
