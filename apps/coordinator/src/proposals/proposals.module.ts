import { Module } from '@nestjs/common';
import { ProposalThreads } from './proposal-threads.service';

/** The proposal thread pool, shared by the driver (proposals), verification (rankings) and importance. */
@Module({
  providers: [ProposalThreads],
  exports: [ProposalThreads],
})
export class ProposalsModule {}
