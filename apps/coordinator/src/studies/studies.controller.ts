import {
  BEST_FORMATS,
  bestAnswerSchema,
  createdStudySchema,
  enqueuedTrialsSchema,
  measurementRowSchema,
  pageSchema,
  STUDY_STATES,
  studyDetailSchema,
  studySummarySchema,
  TRIAL_STATES,
  trialRowSchema,
  type CreatedStudy,
  type EnqueuedTrials,
  type MeasurementRow,
  type Page,
  type StudyDetail,
  type StudySummary,
  type TrialRow,
} from '@attune/core/api/responses';
import { studySpecSchema, type StudySpec } from '@attune/core/spec/study-spec.schema';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiCreatedResponse, ApiProduces, ApiQuery, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { API_ERROR_SCHEMA } from '../http/api-error.openapi';
import { openApiSchemaOf } from '../http/openapi-schema-of';
import { StudySpecPipe } from '../http/study-spec.pipe';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { StudyCommands } from './study-commands.service';
import { StudyQueries, WRITE_ROUTE_QUERIES } from './study-queries.service';
import {
  bestQuerySchema,
  createStudyQuerySchema,
  listStudiesQuerySchema,
  listTrialsQuerySchema,
  studyIdSchema,
  trialNumberSchema,
  type BestQuery,
  type CreateStudyQuery,
  type ListStudiesQuery,
  type ListTrialsQuery,
} from './study-query.schemas';
import { enqueueTrialsSchema, MAX_ENQUEUED_TRIALS, type EnqueueTrialsRequest } from '@attune/core/trial/enqueue-trials.schema';
import { toCreatedStudy, toTrialJson } from './study-summary.mapper';
import { TrialEnqueue } from './trial-enqueue.service';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { projectFilter, type Principal } from '../auth/principal';
import { studyProjectFor } from '../auth/study-project';

const idPipe = new ZodValidationPipe(studyIdSchema, 'id');
const enqueueBodyPipe = new ZodValidationPipe(enqueueTrialsSchema);
const numberPipe = new ZodValidationPipe(trialNumberSchema, 'number');
const BEST_FORMATS_DESCRIPTION =
  'format=json: the best feasible trial, or for several objectives `{front}`, the non-dominated feasible trials. format=yaml: the same as YAML (application/yaml). format=env: `NAME=value` lines of the configuration (text/plain), each name the parameter name upper-cased (a command target gets it as ATTUNE_PARAM_<NAME>), values single-quoted when not plain. yaml and env of a Pareto front are refused (400 naming `trial`): pick one with ?trial=N.';

/** The studies API (responses declared in libs/core/src/api): parse, call one service, return its JSON. */
@ApiTags('studies')
@ApiBadRequestResponse({ description: 'invalid input; `issues` names each field', schema: API_ERROR_SCHEMA })
@Controller('studies')
export class StudiesController {
  constructor(
    private readonly queries: StudyQueries,
    @Inject(WRITE_ROUTE_QUERIES) private readonly afterWrite: StudyQueries,
    private readonly commands: StudyCommands,
    private readonly enqueuer: TrialEnqueue,
  ) {}

  @Post()
  @Access('editor')
  @ApiBody({ schema: openApiSchemaOf(studySpecSchema, 'input'), description: 'the study spec' })
  @ApiQuery({ name: 'project', required: false, description: "the project the study goes in; default: the token's project (\"default\" for a token of every project)" })
  @ApiCreatedResponse({ schema: openApiSchemaOf(createdStudySchema) })
  @ApiTooManyRequestsResponse({ description: 'the project runs as many studies as its limits.maxConcurrentStudies allows', schema: API_ERROR_SCHEMA })
  async create(@Body(StudySpecPipe) spec: StudySpec, @Query(new ZodValidationPipe(createStudyQuerySchema)) query: CreateStudyQuery, @CurrentPrincipal() principal: Principal): Promise<CreatedStudy> {
    const { id, warmStart } = await this.commands.create(spec, studyProjectFor(principal, query.project), principal);
    return toCreatedStudy(await this.afterWrite.detail(id), warmStart);
  }

  @Post(':id/trials')
  @Access('editor', { study: 'id' })
  @ApiBody({ schema: openApiSchemaOf(enqueueTrialsSchema, 'input'), description: `configurations to measure next, at most ${MAX_ENQUEUED_TRIALS}; a parameter left out takes its default` })
  @ApiCreatedResponse({ schema: openApiSchemaOf(enqueuedTrialsSchema) })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  @ApiConflictResponse({ description: 'the study is not RUNNING, or its budget has fewer trials left', schema: API_ERROR_SCHEMA })
  async enqueue(@Param('id', idPipe) id: string, @Body(enqueueBodyPipe) body: EnqueueTrialsRequest, @CurrentPrincipal() principal: Principal): Promise<EnqueuedTrials> {
    const added = await this.enqueuer.enqueue(id, body, principal);
    return { trials: added.trials.map(toTrialJson), warnings: [...added.warnings] };
  }

  @Get()
  @Access('viewer')
  @ApiQuery({ name: 'state', required: false, enum: STUDY_STATES })
  @ApiQuery({ name: 'project', required: false, description: "only this project's studies" })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ schema: openApiSchemaOf(pageSchema(studySummarySchema)) })
  async list(@Query(new ZodValidationPipe(listStudiesQuerySchema)) query: ListStudiesQuery, @CurrentPrincipal() principal: Principal): Promise<Page<StudySummary>> {
    const project = projectFilter(principal, query.project);
    if (project === null) return { items: [], total: 0 };
    return this.queries.list({ ...query, project });
  }

  @Get(':id')
  @Access('viewer', { study: 'id' })
  @ApiOkResponse({ schema: openApiSchemaOf(studyDetailSchema) })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  get(@Param('id', idPipe) id: string): Promise<StudyDetail> {
    return this.queries.detail(id);
  }

  @Get(':id/trials')
  @Access('viewer', { study: 'id' })
  @ApiQuery({ name: 'state', required: false, enum: TRIAL_STATES })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ schema: openApiSchemaOf(pageSchema(trialRowSchema)), description: 'ordered by number' })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  trials(@Param('id', idPipe) id: string, @Query(new ZodValidationPipe(listTrialsQuerySchema)) query: ListTrialsQuery): Promise<Page<TrialRow>> {
    return this.queries.trialPage(id, query);
  }

  @Get(':id/trials/:number/measurements')
  @Access('viewer', { study: 'id' })
  @ApiOkResponse({ schema: openApiSchemaOf(pageSchema(measurementRowSchema)), description: 'every measurement of the trial, warm-ups first, ordered by repeat' })
  @ApiNotFoundResponse({ description: 'no such study, or no such trial in it', schema: API_ERROR_SCHEMA })
  measurements(@Param('id', idPipe) id: string, @Param('number', numberPipe) number: number): Promise<Page<MeasurementRow>> {
    return this.queries.measurements(id, number);
  }

  @Get(':id/best')
  @Access('viewer', { study: 'id' })
  @ApiQuery({ name: 'format', required: false, enum: BEST_FORMATS, description: 'json (default); yaml of the same; env: NAME=value lines of the configuration, names upper-cased' })
  @ApiQuery({ name: 'trial', required: false, schema: { type: 'integer', minimum: 0 }, description: 'write this completed trial instead of the best (required for yaml and env on a study with several objectives)' })
  @ApiProduces('application/json', 'application/yaml', 'text/plain')
  @ApiOkResponse({ schema: openApiSchemaOf(bestAnswerSchema), description: BEST_FORMATS_DESCRIPTION })
  @ApiNotFoundResponse({ description: 'no such study or trial, no trial completed yet, or none feasible', schema: API_ERROR_SCHEMA })
  async best(@Param('id', idPipe) id: string, @Query(new ZodValidationPipe(bestQuerySchema)) query: BestQuery, @Res({ passthrough: true }) res: ServerResponse) {
    const output = await this.queries.bestIn(id, query);
    if (output.kind === 'json') return output.body;
    res.setHeader('content-type', output.contentType);
    return output.text;
  }

  @Post(':id/stop')
  @Access('editor', { study: 'id' })
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchemaOf(studySummarySchema), description: 'STOPPED, pending trials CANCELLED; no-op if already ended' })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  async stop(@Param('id', idPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<StudySummary> {
    await this.commands.stop(id, principal);
    return this.afterWrite.summary(id);
  }
}
