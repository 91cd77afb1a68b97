import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { Access } from '../auth/access.decorator';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { studyIdSchema } from '../studies/study-query.schemas';
import { API_ERROR_SCHEMA } from '../http/api-error.openapi';
import { resumePoint } from './resume-point';
import { STUDY_EVENT_MESSAGE_SCHEMA, STUDY_EVENTS_DESCRIPTION } from './study-event.openapi';
import { StudyEventStreams } from './study-event-streams.service';

/** `GET /studies/:id/events`: a study's events as Server-Sent Events. */
@ApiTags('studies')
@Controller('studies')
export class StudyEventsController {
  constructor(private readonly streams: StudyEventStreams) {}

  @Get(':id/events')
  @Access('viewer', { study: 'id' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event id (sent by a reconnecting EventSource)' })
  @ApiQuery({ name: 'since', required: false, schema: { type: 'integer', minimum: 0 }, description: 'resume after this event id (for clients that cannot set headers)' })
  @ApiOkResponse({ description: STUDY_EVENTS_DESCRIPTION, content: { 'text/event-stream': { schema: STUDY_EVENT_MESSAGE_SCHEMA } } })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  async events(
    @Param('id', new ZodValidationPipe(studyIdSchema, 'id')) id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query('since') since: string | undefined,
    @Res() res: ServerResponse,
  ): Promise<void> {
    await this.streams.stream(id, resumePoint(lastEventId, typeof since === 'string' ? since : undefined), res);
  }
}
