import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { redisConnection } from '@attune/queue/redis-connection';
import { coordinatorConnectionName } from '../queues/connection-name';

/** Redis is up when it answers PING within `timeoutMs` (on a small connection of its own). */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(COORDINATOR_CONFIG) config: CoordinatorConfig,
  ) {
    // No offline queue: while Redis is unreachable a ping fails at once instead of waiting.
    const name = coordinatorConnectionName(config.queuePrefix, 'health');
    this.redis = new Redis({ ...redisConnection(config.redisUrl, name, config.redisTls), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }

  async pingCheck(key: 'redis', timeoutMs = 1000) {
    const indicator = this.health.check(key);
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([this.redis.ping(), timeout]).finally(() => clearTimeout(timer));
      return indicator.up();
    } catch (e) {
      return indicator.down({ message: (e as Error).message });
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
