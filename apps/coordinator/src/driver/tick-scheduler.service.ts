import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { maxConcurrentTicks } from './max-concurrent-ticks';
import { StudyDriver } from './study-driver.service';

interface StudyTicks {
  running: boolean;
  again: boolean;
  reconcile: boolean;
}

/**
 * Runs the driver's ticks: at most one at a time per study, requests during a
 * tick coalesced into one more tick after it, a few studies at once (maxConcurrentTicks of the pool). A failed
 * tick is logged; the next sweep tries again.
 */
@Injectable()
export class TickScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(TickScheduler.name);
  private readonly studies = new Map<string, StudyTicks>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly slots: (() => void)[] = [];
  private active = 0;
  private closed = false;
  // Ticks hold a database connection each; leave the rest of the pool to ingestion and the API.
  private readonly maxActive: number;

  constructor(
    private readonly driver: StudyDriver,
    @Inject(COORDINATOR_CONFIG) config: Pick<CoordinatorConfig, 'databasePoolSize'>,
  ) {
    this.maxActive = maxConcurrentTicks(config.databasePoolSize);
  }

  /** Asks for a tick of the study soon; `reconcile` also checks its pending trials against BullMQ. */
  request(studyId: string, options: { reconcile?: boolean } = {}): void {
    if (this.closed) return;
    const ticks = this.studies.get(studyId) ?? { running: false, again: false, reconcile: false };
    ticks.reconcile ||= options.reconcile ?? false;
    this.studies.set(studyId, ticks);
    if (ticks.running) {
      ticks.again = true;
      return;
    }
    ticks.running = true;
    const run = this.drain(studyId, ticks).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Resolves when no tick is running or due (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops taking requests and waits for running ticks (the queues and the database close after). */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private async drain(studyId: string, ticks: StudyTicks): Promise<void> {
    do {
      ticks.again = false;
      const reconcile = ticks.reconcile;
      ticks.reconcile = false;
      // A tick that proposed only part of what the study needs asks for another.
      if (await this.withSlot(() => this.tickOnce(studyId, reconcile))) ticks.again = true;
    } while (ticks.again && !this.closed);
    this.studies.delete(studyId);
  }

  /** Whether the study wants another tick at once. */
  private async tickOnce(studyId: string, reconcile: boolean): Promise<boolean> {
    try {
      return (await this.driver.tick(studyId, { reconcile })).more;
    } catch (e) {
      this.logger.error(`tick of study ${studyId} failed: ${(e as Error).stack ?? e}`);
      return false;
    }
  }

  private async withSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxActive) await new Promise<void>((resolve) => this.slots.push(resolve));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.slots.shift()?.();
    }
  }
}
