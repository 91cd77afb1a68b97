import { dataSourceOptions } from '@attune/persistence/data-source.options';
import { runMigrations } from '@attune/persistence/run-migrations';
import { ensureSchema } from '@attune/persistence/schema';
import { ApiTokenRepository } from '@attune/persistence/repositories/api-token.repository';
import { AuditRepository } from '@attune/persistence/repositories/audit.repository';
import { ProjectRepository } from '@attune/persistence/repositories/project.repository';
import { StudyEventRepository } from '@attune/persistence/repositories/study-event.repository';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { TrialStepRepository } from '@attune/persistence/repositories/trial-step.repository';
import { TrialSummaryRepository } from '@attune/persistence/repositories/trial-summary.repository';
import { VerificationRepository } from '@attune/persistence/repositories/verification.repository';
import { StudyLocks } from '@attune/persistence/study-locks';
import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { DatabaseReads, READS_DATA_SOURCE } from './database-reads';

/**
 * PostgreSQL: the data source (a pool of at most DATABASE_POOL_SIZE
 * connections; schema created if missing, migrations applied at start unless
 * ATTUNE_MIGRATE=false, see checkDatabase), the repositories built on it and the study locks;
 * and a second, small pool for reads (DatabaseReads, DATABASE_READ_POOL_SIZE).
 * The rest of the coordinator needs no TypeORM of its own.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [COORDINATOR_CONFIG],
      useFactory: (config: CoordinatorConfig) => ({ ...dataSourceOptions(config.database, config.databasePoolSize), retryAttempts: 3, retryDelay: 1000 }),
      dataSourceFactory: async (options) => {
        const config = options as unknown as { schema: string; url: string; migrate?: boolean };
        await ensureSchema({ url: config.url, schema: config.schema });
        return new DataSource(options!).initialize();
      },
    }),
    TypeOrmModule.forRootAsync({
      name: READS_DATA_SOURCE,
      inject: [COORDINATOR_CONFIG],
      // The name again in the options: the module's shutdown hook finds its data source by them.
      useFactory: (config: CoordinatorConfig) => ({
        ...dataSourceOptions(config.database, config.databaseReadPoolSize, 'attune-reads'),
        name: READS_DATA_SOURCE,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [
    {
      provide: StudyRepository,
      inject: [DataSource, COORDINATOR_CONFIG],
      useFactory: async (ds: DataSource, config: CoordinatorConfig) => {
        // Without ATTUNE_MIGRATE, checkDatabase has made sure before start that nothing is pending.
        if (config.migrate) {
          const applied = await runMigrations(ds);
          if (applied.length > 0) new Logger('Database').log(`applied migrations: ${applied.join(', ')}`);
        }
        return new StudyRepository(ds);
      },
    },
    { provide: TrialRepository, inject: [DataSource], useFactory: (ds: DataSource) => new TrialRepository(ds) },
    { provide: TrialStepRepository, inject: [DataSource], useFactory: (ds: DataSource) => new TrialStepRepository(ds) },
    { provide: TrialSummaryRepository, inject: [DataSource], useFactory: (ds: DataSource) => new TrialSummaryRepository(ds) },
    { provide: StudyLocks, inject: [DataSource], useFactory: (ds: DataSource) => new StudyLocks(ds) },
    { provide: VerificationRepository, inject: [DataSource], useFactory: (ds: DataSource) => new VerificationRepository(ds) },
    { provide: StudyEventRepository, inject: [DataSource], useFactory: (ds: DataSource) => new StudyEventRepository(ds) },
    { provide: ProjectRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ProjectRepository(ds) },
    { provide: AuditRepository, inject: [DataSource], useFactory: (ds: DataSource) => new AuditRepository(ds) },
    // On the read pool: every authenticated request looks its token up, and must not queue behind the driver's writes.
    { provide: ApiTokenRepository, inject: [getDataSourceToken(READS_DATA_SOURCE)], useFactory: (ds: DataSource) => new ApiTokenRepository(ds) },
    { provide: DatabaseReads, inject: [getDataSourceToken(READS_DATA_SOURCE)], useFactory: (ds: DataSource) => new DatabaseReads(ds) },
  ],
  exports: [
    StudyRepository,
    TrialRepository,
    TrialStepRepository,
    TrialSummaryRepository,
    StudyLocks,
    StudyEventRepository,
    DatabaseReads,
    VerificationRepository,
    ProjectRepository,
    AuditRepository,
    ApiTokenRepository,
  ],
})
export class DatabaseModule {}
