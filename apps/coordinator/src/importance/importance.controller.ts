import { importanceJsonSchema, type ImportanceJson } from '@attune/core/api/responses';
import { Access } from '../auth/access.decorator';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { studyIdSchema } from '../studies/study-query.schemas';
import { API_ERROR_SCHEMA } from '../http/api-error.openapi';
import { openApiSchemaOf } from '../http/openapi-schema-of';
import { importanceQuerySchema, type ImportanceQuery } from './importance-query.schema';
import { StudyImportance } from './study-importance.service';

/** GET /studies/:id/importance: which parameters matter (see `parameterImportance`). */
@ApiTags('studies')
@Controller('studies')
export class ImportanceController {
  constructor(private readonly importance: StudyImportance) {}

  @Get(':id/importance')
  @Access('viewer', { study: 'id' })
  @ApiQuery({ name: 'objective', required: false, description: 'the metric of one of the study\'s objectives ("score" for a composite); the first by default' })
  @ApiOkResponse({ schema: openApiSchemaOf(importanceJsonSchema), description: 'the importance of each parameter, or `problem` when there is none yet (too few trials, a flat model)' })
  @ApiBadRequestResponse({ description: 'a bad id or `objective`; `issues` names the field', schema: API_ERROR_SCHEMA })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  get(@Param('id', new ZodValidationPipe(studyIdSchema, 'id')) id: string, @Query(new ZodValidationPipe(importanceQuerySchema)) query: ImportanceQuery): Promise<ImportanceJson> {
    return this.importance.of(id, query);
  }
}
