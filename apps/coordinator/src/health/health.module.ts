import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseModule } from '../database/database.module';
import { QueuesModule } from '../queues/queues.module';
import { EventLoopMonitor } from './event-loop.monitor';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DatabaseModule, QueuesModule],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, { provide: EventLoopMonitor, useFactory: () => new EventLoopMonitor() }],
})
export class HealthModule {}
