import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { TRIAL_STATES } from '@attune/core/trial/trial-state';
import { STUDY_STATES } from '@attune/persistence/records/study.record';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiCreatedResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { StudySpecPipe } from '../http/study-spec.pipe';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { StudyCommands } from './study-commands.service';
import { StudyQueries, WRITE_ROUTE_QUERIES } from './study-queries.service';
import { listStudiesQuerySchema, listTrialsQuerySchema, studyIdSchema, type ListStudiesQuery, type ListTrialsQuery } from './study-query.schemas';
import { enqueueTrialsSchema, MAX_ENQUEUED_TRIALS, type EnqueueTrialsRequest } from '@attune/core/trial/enqueue-trials.schema';
import { toTrialJson } from './study-summary.mapper';
import { TrialEnqueue } from './trial-enqueue.service';
import { CREATED_STUDY_SCHEMA, ENQUEUE_TRIALS_SCHEMA, ENQUEUED_TRIALS_SCHEMA } from './trial-enqueue.openapi';
import { BEST_SCHEMA, ERROR_SCHEMA, pageOf, STUDY_DETAIL_SCHEMA, STUDY_SPEC_SCHEMA, STUDY_SUMMARY_SCHEMA, TRIAL_SCHEMA } from './study.openapi';

const idPipe = new ZodValidationPipe(studyIdSchema, 'id');
const enqueueBodyPipe = new ZodValidationPipe(enqueueTrialsSchema);

/** The studies API (see api-contract.md): parse, call one service, return its JSON. */
@ApiTags('studies')
@ApiBadRequestResponse({ description: 'invalid input; `issues` names each field', schema: ERROR_SCHEMA })
@Controller('studies')
export class StudiesController {
  constructor(
    private readonly queries: StudyQueries,
    @Inject(WRITE_ROUTE_QUERIES) private readonly afterWrite: StudyQueries,
    private readonly commands: StudyCommands,
    private readonly enqueuer: TrialEnqueue,
  ) {}

  @Post()
  @ApiBody({ schema: STUDY_SPEC_SCHEMA, description: 'the study spec' })
  @ApiCreatedResponse({ schema: CREATED_STUDY_SCHEMA })
  async create(@Body(StudySpecPipe) spec: StudySpec) {
    const { id, warmStart } = await this.commands.create(spec);
    const detail = await this.afterWrite.detail(id);
    if (!warmStart) return detail;
    return { ...detail, warnings: [...(detail.warnings as string[]), ...warmStart.warnings], warmStart: { studies: warmStart.studies } };
  }

  @Post(':id/trials')
  @ApiBody({ schema: ENQUEUE_TRIALS_SCHEMA, description: `configurations to measure next, at most ${MAX_ENQUEUED_TRIALS}; a parameter left out takes its default` })
  @ApiCreatedResponse({ schema: ENQUEUED_TRIALS_SCHEMA })
  @ApiNotFoundResponse({ schema: ERROR_SCHEMA })
  @ApiConflictResponse({ description: 'the study is not RUNNING, or its budget has fewer trials left', schema: ERROR_SCHEMA })
  async enqueue(@Param('id', idPipe) id: string, @Body(enqueueBodyPipe) body: EnqueueTrialsRequest) {
    const added = await this.enqueuer.enqueue(id, body);
    return { trials: added.trials.map(toTrialJson), warnings: added.warnings };
  }

  @Get()
  @ApiQuery({ name: 'state', required: false, enum: STUDY_STATES })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ schema: pageOf(STUDY_SUMMARY_SCHEMA) })
  list(@Query(new ZodValidationPipe(listStudiesQuerySchema)) query: ListStudiesQuery) {
    return this.queries.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ schema: STUDY_DETAIL_SCHEMA })
  @ApiNotFoundResponse({ schema: ERROR_SCHEMA })
  get(@Param('id', idPipe) id: string) {
    return this.queries.detail(id);
  }

  @Get(':id/trials')
  @ApiQuery({ name: 'state', required: false, enum: TRIAL_STATES })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ schema: pageOf(TRIAL_SCHEMA), description: 'ordered by number' })
  @ApiNotFoundResponse({ schema: ERROR_SCHEMA })
  trials(@Param('id', idPipe) id: string, @Query(new ZodValidationPipe(listTrialsQuerySchema)) query: ListTrialsQuery) {
    return this.queries.trialPage(id, query);
  }

  @Get(':id/best')
  @ApiOkResponse({ schema: BEST_SCHEMA })
  @ApiNotFoundResponse({ description: 'no such study, or no trial completed yet', schema: ERROR_SCHEMA })
  best(@Param('id', idPipe) id: string) {
    return this.queries.best(id);
  }

  @Post(':id/stop')
  @HttpCode(200)
  @ApiOkResponse({ schema: STUDY_SUMMARY_SCHEMA, description: 'STOPPED, pending trials CANCELLED; no-op if already ended' })
  @ApiNotFoundResponse({ schema: ERROR_SCHEMA })
  async stop(@Param('id', idPipe) id: string) {
    await this.commands.stop(id);
    return this.afterWrite.summary(id);
  }
}
