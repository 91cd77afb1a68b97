import { createBullMqTelemetry } from '@attune/telemetry/bullmq-telemetry';
import { RESULTS_QUEUE } from '@attune/queue/queue-names';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { redisConnection } from '@attune/queue/redis-connection';
import { coordinatorConnectionName } from './connection-name';
import { EvaluationQueues } from './evaluation-queues.service';
import { SharedRedis } from './shared-redis.service';
import { TrialCancellations } from './trial-cancellations.service';

/**
 * BullMQ over Redis, under the deployment's prefix: the results queue (one
 * connection, and two for its worker), the steps queue's worker (two: the
 * coordinator never adds to that queue, so it has no Queue of its own; its
 * processor takes the root options) and the per-target evaluation queues
 * (all on one shared connection, which also carries trial cancellations).
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [COORDINATOR_CONFIG],
      useFactory: (config: CoordinatorConfig) => ({
        connection: redisConnection(config.redisUrl, coordinatorConnectionName(config.queuePrefix, 'results'), config.redisTls),
        prefix: config.queuePrefix,
        telemetry: createBullMqTelemetry('attune-coordinator'),
      }),
    }),
    BullModule.registerQueue({ name: RESULTS_QUEUE }),
  ],
  providers: [SharedRedis, EvaluationQueues, TrialCancellations],
  exports: [SharedRedis, EvaluationQueues, TrialCancellations, BullModule],
})
export class QueuesModule {}
