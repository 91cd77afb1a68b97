import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { metrics } from '@opentelemetry/api';
import { telemetry } from '@attune/telemetry/start-telemetry';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { QueuesModule } from '../queues/queues.module';
import { COORDINATOR_METER } from './coordinator-meter';
import { MetricsMiddleware } from './metrics.middleware';
import { ProposalLatency } from './proposal-latency.recorder';
import { QueueGauges } from './queue-gauges.service';
import { TrialMetricsListener } from './trial-metrics.listener';

/**
 * The coordinator's metrics: trial counts, times and best values recorded by
 * a listener on the study events, queue gauges read from BullMQ, proposal
 * latency handed over by ProposalService; served at GET /metrics (and over
 * OTLP when an endpoint is set, by the telemetry started before Nest).
 */
@Module({
  imports: [AuthModule, DatabaseModule, EventsModule, QueuesModule],
  providers: [
    // The global MeterProvider must exist before a meter is taken from it: the API's meters are not proxies.
    { provide: COORDINATOR_METER, useFactory: () => (telemetry('attune-coordinator'), metrics.getMeter('attune-coordinator')) },
    TrialMetricsListener,
    QueueGauges,
    ProposalLatency,
  ],
  exports: [ProposalLatency],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsMiddleware).forRoutes({ path: 'metrics', method: RequestMethod.GET });
  }
}
