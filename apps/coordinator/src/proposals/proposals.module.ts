import { Module } from '@nestjs/common';
import { ProposalThreads } from './proposal-threads.service';

/** The proposal thread pool, shared by the driver (proposals) and verification (rankings). */
@Module({
  providers: [ProposalThreads],
  exports: [ProposalThreads],
})
export class ProposalsModule {}
