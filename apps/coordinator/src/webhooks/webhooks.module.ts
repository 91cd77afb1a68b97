import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { WebhookDispatcher } from './webhook-dispatcher.service';

/** Study webhooks: a listener on study events that POSTs them to the study's `notify.url`. */
@Module({
  imports: [DatabaseModule, EventsModule],
  providers: [WebhookDispatcher],
})
export class WebhooksModule {}
