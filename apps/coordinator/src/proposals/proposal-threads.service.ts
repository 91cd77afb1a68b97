import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { ProposalPool } from './proposal-pool';

/**
 * The coordinator's one proposal pool, sized by its configuration: the
 * driver's proposals and verification's rankings share its threads, so a
 * study's model-fitting work never lands on the event loop, whoever asks.
 */
@Injectable()
export class ProposalThreads extends ProposalPool implements OnApplicationShutdown {
  constructor(@Inject(COORDINATOR_CONFIG) config: CoordinatorConfig) {
    super({ threads: config.proposalThreads, timeoutMs: config.proposalTimeoutSec * 1000 });
  }

  // After the driver's ticks have finished (they stop in onModuleDestroy).
  async onApplicationShutdown(): Promise<void> {
    await this.destroy();
  }
}
