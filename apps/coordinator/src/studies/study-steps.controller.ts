import { pageSchema, stepRowSchema, trialCurveSchema, type Page, type StepRow, type TrialCurve } from '@attune/core/api/responses';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { API_ERROR_SCHEMA } from '../http/api-error.openapi';
import { openApiSchemaOf } from '../http/openapi-schema-of';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { MAX_CURVE_POINTS, StepQueries } from './step-queries.service';
import { listCurvesQuerySchema, MAX_CURVES_PER_PAGE, studyIdSchema, trialNumberSchema, type ListCurvesQuery } from './study-query.schemas';

const idPipe = new ZodValidationPipe(studyIdSchema, 'id');
const numberPipe = new ZodValidationPipe(trialNumberSchema, 'number');

/** Trials' intermediate values (the steps targets report while they run): parse, call StepQueries, return its JSON. */
@ApiTags('studies')
@ApiBadRequestResponse({ description: 'invalid input; `issues` names each field', schema: API_ERROR_SCHEMA })
@Controller('studies')
export class StudyStepsController {
  constructor(private readonly queries: StepQueries) {}

  @Get(':id/trials/:number/steps')
  @Access('viewer', { study: 'id' })
  @ApiOkResponse({ schema: openApiSchemaOf(pageSchema(stepRowSchema)), description: 'every step the trial reported, ordered by step; of a PRUNED trial, also those reported after the one it was stopped at' })
  @ApiNotFoundResponse({ description: 'no such study, or no such trial in it', schema: API_ERROR_SCHEMA })
  steps(@Param('id', idPipe) id: string, @Param('number', numberPipe) number: number): Promise<Page<StepRow>> {
    return this.queries.steps(id, number);
  }

  @Get(':id/steps')
  @Access('viewer', { study: 'id' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_CURVES_PER_PAGE, default: 50 }, description: 'trials per page' })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiQuery({ name: 'metric', required: false, description: "the metric of the curves; default: the study's objective metric (the first objective's, for several)" })
  @ApiOkResponse({
    schema: openApiSchemaOf(pageSchema(trialCurveSchema)),
    description: `the trials that reported steps, ordered by number, each with its curve of the metric (steps without it left out); \`total\` counts those trials. At most ${MAX_CURVE_POINTS} points a page: a longer curve is thinned to every k-th step, its first and last kept`,
  })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  curves(@Param('id', idPipe) id: string, @Query(new ZodValidationPipe(listCurvesQuerySchema)) query: ListCurvesQuery): Promise<Page<TrialCurve>> {
    return this.queries.curves(id, query);
  }
}
