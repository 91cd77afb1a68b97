import { Inject, Injectable } from '@nestjs/common';
import type { Histogram, Meter } from '@opentelemetry/api';
import { instruments } from '@attune/telemetry/instruments';
import { COORDINATOR_METRICS as M } from '@attune/telemetry/metric-names';
import { COORDINATOR_METER } from './coordinator-meter';

/**
 * Records how long strategies take to propose. No study event carries that
 * time (it is the proposal thread's), so ProposalService hands it here as it
 * returns the proposals; the driver's logic never sees it.
 */
@Injectable()
export class ProposalLatency {
  private readonly duration: Histogram;

  constructor(@Inject(COORDINATOR_METER) meter: Meter) {
    this.duration = instruments.histogram(meter, M.proposalDuration);
  }

  /** One batch of proposals of `strategy`, in milliseconds (the time its thread took). */
  record(strategy: string, elapsedMs: number): void {
    this.duration.record(elapsedMs / 1000, { strategy });
  }
}
