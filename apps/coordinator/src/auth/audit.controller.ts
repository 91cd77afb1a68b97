import { auditEntrySchema, pageSchema, type AuditEntry, type Page } from '@attune/core/api/responses';
import { AuditRepository } from '@attune/persistence/repositories/audit.repository';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchemaOf } from '../http/openapi-schema-of';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { pageQueryShape, projectQuerySchema } from '../studies/study-query.schemas';
import { Access, CurrentPrincipal } from './access.decorator';
import { toAuditJson } from './auth.mapper';
import { projectFilter, type Principal } from './principal';

const auditQuerySchema = z.object({ project: projectQuerySchema, ...pageQueryShape });
type AuditQuery = z.output<typeof auditQuerySchema>;

/** GET /audit: who created, stopped, verified or enqueued what, and who managed tokens and projects; newest first. */
@ApiTags('auth')
@Controller('audit')
export class AuditController {
  constructor(private readonly entries: AuditRepository) {}

  @Get()
  @Access('admin')
  @ApiQuery({ name: 'project', required: false, description: "only this project's entries (an admin of one project sees its own only)" })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ schema: openApiSchemaOf(pageSchema(auditEntrySchema)) })
  async list(@Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery, @CurrentPrincipal() principal: Principal): Promise<Page<AuditEntry>> {
    const project = projectFilter(principal, query.project);
    if (project === null) return { items: [], total: 0 };
    const page = await this.entries.list({ ...(project !== undefined && { project }), limit: query.limit, offset: query.offset });
    return { items: page.items.map(toAuditJson), total: page.total };
  }
}
