import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { COORDINATOR_INSTANCE_ID } from './coordinator-instance';
import { StudyEventBus } from './study-event-bus.service';
import { StudyEventFeed } from './study-event-feed.service';
import { StudyEventStreams } from './study-event-streams.service';
import { StudyEventWriter } from './study-event-writer.service';
import { StudyEventsController } from './study-events.controller';

/**
 * Study events: written with the change that caused them (StudyEventWriter),
 * fanned out to every coordinator by LISTEN/NOTIFY (StudyEventFeed), handed
 * to in-process listeners (StudyEventBus), streamed as SSE.
 */
@Module({
  imports: [DatabaseModule],
  controllers: [StudyEventsController],
  providers: [
    { provide: COORDINATOR_INSTANCE_ID, useFactory: () => randomUUID() },
    StudyEventBus,
    StudyEventFeed,
    StudyEventWriter,
    StudyEventStreams,
  ],
  exports: [StudyEventBus, StudyEventWriter, COORDINATOR_INSTANCE_ID],
})
export class EventsModule {}
