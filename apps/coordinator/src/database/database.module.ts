import { dataSourceOptions } from '@attune/persistence/data-source.options';
import { runMigrations } from '@attune/persistence/run-migrations';
import { ensureSchema } from '@attune/persistence/schema';
import { StudyEventRepository } from '@attune/persistence/repositories/study-event.repository';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';

/**
 * PostgreSQL: the data source (schema created if missing, migrations applied
 * at start unless ATTUNE_MIGRATE=false) and the repositories built on it.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [COORDINATOR_CONFIG],
      useFactory: (config: CoordinatorConfig) => ({ ...dataSourceOptions(config.database), retryAttempts: 3, retryDelay: 1000 }),
      dataSourceFactory: async (options) => {
        const config = options as unknown as { schema: string; url: string; migrate?: boolean };
        await ensureSchema({ url: config.url, schema: config.schema });
        return new DataSource(options!).initialize();
      },
    }),
  ],
  providers: [
    {
      provide: StudyRepository,
      inject: [DataSource, COORDINATOR_CONFIG],
      useFactory: async (ds: DataSource, config: CoordinatorConfig) => {
        if (config.migrate) {
          const applied = await runMigrations(ds);
          if (applied.length > 0) new Logger('Database').log(`applied migrations: ${applied.join(', ')}`);
        }
        return new StudyRepository(ds);
      },
    },
    { provide: TrialRepository, inject: [DataSource], useFactory: (ds: DataSource) => new TrialRepository(ds) },
    { provide: StudyEventRepository, inject: [DataSource], useFactory: (ds: DataSource) => new StudyEventRepository(ds) },
  ],
  exports: [StudyRepository, TrialRepository, StudyEventRepository],
})
export class DatabaseModule {}
