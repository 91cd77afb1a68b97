import type { WorkerRecord } from '@attune/queue/worker-registry';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ERROR_SCHEMA } from '../studies/study.openapi';
import { WorkerDirectory } from './worker-directory.service';
import { WORKER_LIST_SCHEMA } from './workers.openapi';

/** GET /workers: the live workers, as they registered themselves in Redis. */
@ApiTags('workers')
@Controller('workers')
export class WorkersController {
  constructor(private readonly directory: WorkerDirectory) {}

  @Get()
  @ApiOkResponse({ schema: WORKER_LIST_SCHEMA, description: 'live workers (a heartbeat within the last 15 s), by id' })
  @ApiServiceUnavailableResponse({ schema: ERROR_SCHEMA, description: 'Redis cannot be read' })
  async list(): Promise<{ items: readonly WorkerRecord[]; total: number }> {
    try {
      const { live } = await this.directory.snapshot();
      return { items: live, total: live.length };
    } catch (e) {
      throw new ServiceUnavailableException(`cannot read the worker registry from Redis: ${(e as Error).message}`);
    }
  }
}
