import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { MetricsModule } from '../metrics/metrics.module';
import { QueuesModule } from '../queues/queues.module';
import { WorkersModule } from '../workers/workers.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { VerificationModule } from '../verification/verification.module';
import { ProposalService } from './proposal.service';
import { StudyDriver } from './study-driver.service';
import { StudyEnding } from './study-ending.service';
import { StudyReleases } from './study-releases.service';
import { SweepService } from './sweep.service';
import { TickScheduler } from './tick-scheduler.service';
import { TickWakeUp } from './tick-wake-up.listener';
import { TrialHistory } from './trial-history.service';
import { TrialReconciler } from './trial-reconciler.service';

/** The study driver: proposes, enqueues, reconciles and ends studies; woken by study events. */
@Module({
  imports: [DatabaseModule, QueuesModule, EventsModule, WorkersModule, ProposalsModule, VerificationModule, MetricsModule],
  providers: [ProposalService, TrialHistory, TrialReconciler, StudyEnding, StudyReleases, StudyDriver, TickScheduler, TickWakeUp, SweepService],
  exports: [TickScheduler, StudyEnding, StudyReleases, StudyDriver],
})
export class DriverModule {}
