import { pageSchema, workerRowSchema, type Page, type WorkerRow } from '@attune/core/api/responses';
import { Access } from '../auth/access.decorator';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { API_ERROR_SCHEMA } from '../http/api-error.openapi';
import { openApiSchemaOf } from '../http/openapi-schema-of';
import { WorkerDirectory } from './worker-directory.service';

/** GET /workers: the live workers, as they registered themselves in Redis. */
@ApiTags('workers')
@Controller('workers')
export class WorkersController {
  constructor(private readonly directory: WorkerDirectory) {}

  @Get()
  @Access('viewer')
  @ApiOkResponse({ schema: openApiSchemaOf(pageSchema(workerRowSchema)), description: 'live workers (a heartbeat within the last 15 s), by id' })
  @ApiServiceUnavailableResponse({ schema: API_ERROR_SCHEMA, description: 'Redis cannot be read' })
  async list(): Promise<Page<WorkerRow>> {
    try {
      const { live } = await this.directory.snapshot();
      return { items: [...live], total: live.length };
    } catch (e) {
      throw new ServiceUnavailableException(`cannot read the worker registry from Redis: ${(e as Error).message}`);
    }
  }
}
