import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { DriverModule } from '../driver/driver.module';
import { EventsModule } from '../events/events.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { StudiesController } from './studies.controller';
import { StudyCommands } from './study-commands.service';
import { StudyQueries, WRITE_ROUTE_QUERIES } from './study-queries.service';
import { DatabaseReads } from '../database/database-reads';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';

/** The REST API over studies and trials. */
@Module({
  imports: [DatabaseModule, DriverModule, EventsModule, IngestionModule],
  controllers: [StudiesController],
  providers: [
    StudyCommands,
    { provide: StudyQueries, inject: [DatabaseReads], useFactory: (reads: DatabaseReads) => new StudyQueries(reads.studies, reads.trials) },
    { provide: WRITE_ROUTE_QUERIES, inject: [StudyRepository, TrialRepository], useFactory: (s: StudyRepository, t: TrialRepository) => new StudyQueries(s, t) },
  ],
})
export class StudiesModule {}
