import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { QueuesModule } from '../queues/queues.module';
import { VerificationRunner } from './verification-runner.service';
import { VerificationSweep } from './verification-sweep.service';
import { VerificationController } from './verification.controller';

/** Verification of studies' winners: re-measurements kept apart from the trials, their verdict and its events. */
@Module({
  imports: [AuthModule, DatabaseModule, QueuesModule, EventsModule, ProposalsModule],
  controllers: [VerificationController],
  providers: [VerificationRunner, VerificationSweep],
  exports: [VerificationRunner],
})
export class VerificationModule {}
