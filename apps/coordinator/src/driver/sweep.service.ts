import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { StudyReleases } from './study-releases.service';
import { TickScheduler } from './tick-scheduler.service';

/**
 * Every ATTUNE_SWEEP_MS, asks for a reconciling tick of every RUNNING study
 * (and drops cached state of studies that ended).
 * This is how a coordinator picks up studies after a restart or another
 * coordinator's death, and how missed queue events are made good.
 */
@Injectable()
export class SweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SweepService.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly studies: StudyRepository,
    private readonly scheduler: TickScheduler,
    private readonly releases: StudyReleases,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
  }

  /** One sweep now: requests a reconciling tick for every RUNNING study. */
  async sweep(): Promise<void> {
    const ids = await this.studies.runningIds();
    const running = new Set(ids);
    this.releases.retainOnly(running);
    for (const id of ids) this.scheduler.request(id, { reconcile: true });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep()
        .catch((e) => this.logger.error(`sweep failed: ${(e as Error).message}`))
        .finally(() => this.schedule(this.config.sweepMs));
    }, delayMs);
  }
}
