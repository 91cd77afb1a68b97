import { Module } from '@nestjs/common';
import { QueuesModule } from '../queues/queues.module';
import { WorkerDirectory } from './worker-directory.service';
import { WorkersController } from './workers.controller';

/** The workers that registered themselves in Redis: GET /workers, and the directory the driver and the studies API ask. */
@Module({
  imports: [QueuesModule],
  controllers: [WorkersController],
  providers: [WorkerDirectory],
  exports: [WorkerDirectory],
})
export class WorkersModule {}
