import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { StudyEventBus } from '../events/study-event-bus.service';
import { StudyDriver } from './study-driver.service';
import { TickScheduler } from './tick-scheduler.service';

/**
 * The driver's wake-up: a study created or a trial finished on ANY
 * coordinator asks this coordinator for a tick of the study at once. The
 * tick takes the study's lock without waiting, so on every coordinator but
 * the one that gets it, the request costs one try and is skipped. A study
 * ended anywhere (stopped through another coordinator, say) drops its
 * proposal in flight here, if this coordinator holds it.
 */
@Injectable()
export class TickWakeUp implements OnModuleInit, OnModuleDestroy {
  private unsubscribe?: () => void;

  constructor(
    private readonly bus: StudyEventBus,
    private readonly scheduler: TickScheduler,
    private readonly driver: StudyDriver,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe(({ studyId, event }) => {
      if (event.kind === 'trial-finished' || event.kind === 'study-created') this.scheduler.request(studyId);
      else if (event.kind === 'study-ended') this.driver.abort(studyId);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
