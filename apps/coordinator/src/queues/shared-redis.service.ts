import { redisConnection } from '@attune/queue/redis-connection';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { coordinatorConnectionName } from './connection-name';
import { logConnectionErrors } from './log-connection-errors';
import { settleWithin } from './settle-within';

/**
 * The one non-blocking Redis connection that every evaluation queue shares,
 * whatever the number of targets. BullMQ lets Queue instances share a client
 * (it never quits a client it was given); only blocking readers need their own.
 */
@Injectable()
export class SharedRedis implements OnApplicationShutdown {
  private readonly logger = new Logger(SharedRedis.name);
  readonly client: Redis;

  constructor(@Inject(COORDINATOR_CONFIG) config: CoordinatorConfig) {
    this.client = new Redis(redisConnection(config.redisUrl, coordinatorConnectionName(config.queuePrefix, 'queues'), config.redisTls));
    logConnectionErrors(this.client, 'shared Redis connection', this.logger);
  }

  // BullMQ never quits a client it was given, so the order against the queues' own close does not matter.
  async onApplicationShutdown(): Promise<void> {
    await settleWithin(this.client.quit(), 2000);
    this.client.disconnect();
  }
}
