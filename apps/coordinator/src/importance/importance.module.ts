import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { ImportanceController } from './importance.controller';
import { StudyImportance } from './study-importance.service';

/** Parameter importance of a study, over the REST API. */
@Module({
  imports: [DatabaseModule, ProposalsModule],
  controllers: [ImportanceController],
  providers: [StudyImportance],
})
export class ImportanceModule {}
