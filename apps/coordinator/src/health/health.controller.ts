import { Controller, Get } from '@nestjs/common';
import { Open } from '../auth/access.decorator';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DatabaseReads } from '../database/database-reads';
import { EventLoopMonitor } from './event-loop.monitor';
import { RedisHealthIndicator } from './redis.health';

/**
 * GET /health: 200 when PostgreSQL and Redis answer, 503 otherwise. `info`
 * also reports the process itself, always up: `eventLoop` (delay percentiles
 * over the last 5–10 s) and `memory` (RSS and heap in bytes).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly eventLoop: EventLoopMonitor,
    private readonly reads: DatabaseReads,
  ) {}

  @Get()
  @Open()
  @HealthCheck()
  check() {
    return this.health.check([
      // On the read pool: a full main pool (a burst of submissions) is load, not an outage.
      () => this.database.pingCheck('database', { connection: this.reads.dataSource, timeout: 1000 }),
      () => this.redis.pingCheck('redis'),
      () => this.indicators.check('eventLoop').up({ ...this.eventLoop.stats() }),
      () => this.indicators.check('memory').up(memory()),
    ]);
  }
}

function memory(): { rssBytes: number; heapUsedBytes: number } {
  const { rss, heapUsed } = process.memoryUsage();
  return { rssBytes: rss, heapUsedBytes: heapUsed };
}
