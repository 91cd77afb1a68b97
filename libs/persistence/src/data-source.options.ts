import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from './database.config';
import { StudyEventEntity } from './entities/study-event.entity';
import { StudyEntity } from './entities/study.entity';
import { TrialEntity } from './entities/trial.entity';
import { MeasurementEntity } from './entities/measurement.entity';
import { VerificationEntity } from './entities/verification.entity';
import { VerificationMeasurementEntity } from './entities/verification-measurement.entity';
import { MIGRATIONS } from './migrations.list';
import { ApiTokenEntity } from './entities/api-token.entity';
import { AuditEntryEntity } from './entities/audit-entry.entity';
import { ProjectEntity } from './entities/project.entity';
import { TrialStepEntity } from './entities/trial-step.entity';

/** Entities of Attune, registered by the coordinator's TypeORM module and the CLI's data source. */
export const ENTITIES = [StudyEntity, TrialEntity, StudyEventEntity, MeasurementEntity, VerificationEntity, VerificationMeasurementEntity, ProjectEntity, ApiTokenEntity, AuditEntryEntity, TrialStepEntity];

/**
 * TypeORM options for one database and schema. The schema is also the
 * connection's search_path, so generated migrations name no schema and apply
 * to any (tests and CI isolate runs by schema). `synchronize` is never on.
 * `applicationName` tells the pools apart in pg_stat_activity.
 */
export function dataSourceOptions(config: DatabaseConfig, poolSize = 10, applicationName = 'attune'): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    applicationName,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: { options: `-c search_path=${config.schema}`, max: poolSize },
  };
}
