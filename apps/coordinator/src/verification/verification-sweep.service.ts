import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { VerificationRunner } from './verification-runner.service';

/**
 * Every ATTUNE_SWEEP_MS, re-adds the job of each running verification's
 * measurement under way: after a coordinator died between committing a
 * step and enqueueing the next, the verification goes on (a job that
 * exists already is left as it is).
 */
@Injectable()
export class VerificationSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(VerificationSweep.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly runner: VerificationRunner,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.runner
        .sweep()
        .catch((e) => this.logger.error(`verification sweep failed: ${(e as Error).message}`))
        .finally(() => (this.sweeping = undefined));
    }, this.config.sweepMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
