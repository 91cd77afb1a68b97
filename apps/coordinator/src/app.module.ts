import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import type { CoordinatorConfig } from './config/coordinator.config';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { DriverModule } from './driver/driver.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { AttuneExceptionFilter } from './http/attune-exception.filter';
import { RequestPolicyMiddleware } from './http/request-policy.middleware';
import { ImportanceModule } from './importance/importance.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueuesModule } from './queues/queues.module';
import { StudiesModule } from './studies/studies.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkersModule } from './workers/workers.module';

/** The coordinator: REST API (behind its tokens and projects), study driver, result ingestion, study events and their webhooks, metrics, the worker registry, health, the dashboard's settings. */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: CoordinatorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, AuthModule, EventsModule, QueuesModule, DriverModule, IngestionModule, StudiesModule, ImportanceModule, WorkersModule, WebhooksModule, MetricsModule, HealthModule, DashboardModule],
      providers: [{ provide: APP_FILTER, useClass: AttuneExceptionFilter }],
    };
  }

  // Every route, and before any of them: the middleware is also the only body parser.
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestPolicyMiddleware).forRoutes('*');
  }
}
