import { cancelTrialChannel, encodeCancelTrial } from '@attune/queue/cancel-trial.message';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { SharedRedis } from './shared-redis.service';

/**
 * Tells the workers to stop evaluating trials that are no longer wanted (see
 * CancelTrialMessage): one PUBLISH on the shared connection, heard by every
 * worker of the deployment, which aborts the evaluation's AbortSignal.
 */
@Injectable()
export class TrialCancellations {
  private readonly logger = new Logger(TrialCancellations.name);

  constructor(
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
    private readonly redis: SharedRedis,
  ) {}

  /** Best effort: a Redis error is logged, never thrown (the trials are already recorded as ended). */
  async cancel(target: string, trialIds: readonly string[], reason: string): Promise<void> {
    if (trialIds.length === 0) return;
    try {
      await this.redis.client.publish(cancelTrialChannel(this.config.queuePrefix), encodeCancelTrial({ target, trialIds: [...trialIds], reason }));
    } catch (e) {
      this.logger.warn(`could not tell the workers to cancel ${trialIds.length} trial(s) of target "${target}": ${(e as Error).message}`);
    }
  }
}
