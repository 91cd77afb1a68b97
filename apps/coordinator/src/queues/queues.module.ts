import { createBullMqTelemetry } from '@attune/telemetry/bullmq-telemetry';
import { RESULTS_QUEUE } from '@attune/queue/queue-names';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { redisConnection } from '@attune/queue/redis-connection';
import { EvaluationQueues } from './evaluation-queues.service';

/** BullMQ over Redis, under the deployment's prefix: the results queue and the per-target evaluation queues. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [COORDINATOR_CONFIG],
      useFactory: (config: CoordinatorConfig) => ({
        connection: redisConnection(config.redisUrl),
        prefix: config.queuePrefix,
        telemetry: createBullMqTelemetry('attune-coordinator'),
      }),
    }),
    BullModule.registerQueue({ name: RESULTS_QUEUE }),
  ],
  providers: [EvaluationQueues],
  exports: [EvaluationQueues, BullModule],
})
export class QueuesModule {}
