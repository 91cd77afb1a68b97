import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { TRIAL_STATES } from '@attune/core/trial/trial-state';
import { STUDY_STATES } from '@attune/core/study/study-state';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiCreatedResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { StudySpecPipe } from '../http/study-spec.pipe';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { StudyCommands } from './study-commands.service';
import { StudyQueries, WRITE_ROUTE_QUERIES } from './study-queries.service';
import {
  BEST_FORMATS,
  bestQuerySchema,
  listStudiesQuerySchema,
  listTrialsQuerySchema,
  studyIdSchema,
  trialNumberSchema,
  type BestQuery,
  type ListStudiesQuery,
  type ListTrialsQuery,
} from './study-query.schemas';
import { enqueueTrialsSchema, MAX_ENQUEUED_TRIALS, type EnqueueTrialsRequest } from '@attune/core/trial/enqueue-trials.schema';
import { toTrialJson } from './study-summary.mapper';
import { TrialEnqueue } from './trial-enqueue.service';
import { CREATED_STUDY_SCHEMA, ENQUEUE_TRIALS_SCHEMA, ENQUEUED_TRIALS_SCHEMA } from './trial-enqueue.openapi';
import { BEST_RESPONSE_SCHEMA, ERROR_SCHEMA, MEASUREMENT_SCHEMA, pageOf, STUDY_DETAIL_SCHEMA, STUDY_SPEC_SCHEMA, STUDY_SUMMARY_SCHEMA, TRIAL_SCHEMA } from './study.openapi';

const idPipe = new ZodValidationPipe(studyIdSchema, 'id');
const enqueueBodyPipe = new ZodValidationPipe(enqueueTrialsSchema);
const numberPipe = new ZodValidationPipe(trialNumberSchema, 'number');

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

  @Get(':id/trials/:number/measurements')
  @ApiOkResponse({ schema: pageOf(MEASUREMENT_SCHEMA), description: 'every measurement of the trial, warm-ups first, ordered by repeat' })
  @ApiNotFoundResponse({ description: 'no such study, or no such trial in it', schema: ERROR_SCHEMA })
  measurements(@Param('id', idPipe) id: string, @Param('number', numberPipe) number: number) {
    return this.queries.measurements(id, number);
  }

  @Get(':id/best')
  @ApiQuery({ name: 'format', required: false, enum: BEST_FORMATS, description: 'json (default); yaml of the same; env: NAME=value lines of the configuration, names upper-cased' })
  @ApiQuery({ name: 'trial', required: false, schema: { type: 'integer', minimum: 0 }, description: 'write this completed trial instead of the best (required for yaml and env on a study with several objectives)' })
  @ApiProduces('application/json', 'application/yaml', 'text/plain')
  @ApiOkResponse({ schema: BEST_RESPONSE_SCHEMA })
  @ApiNotFoundResponse({ description: 'no such study or trial, no trial completed yet, or none feasible', schema: ERROR_SCHEMA })
  async best(@Param('id', idPipe) id: string, @Query(new ZodValidationPipe(bestQuerySchema)) query: BestQuery, @Res({ passthrough: true }) res: ServerResponse) {
    const output = await this.queries.bestIn(id, query);
    if (output.kind === 'json') return output.body;
    res.setHeader('content-type', output.contentType);
    return output.text;
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
