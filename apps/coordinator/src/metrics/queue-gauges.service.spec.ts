import { COORDINATOR_METRICS as M } from '@attune/telemetry/metric-names';
import { metricCollector } from '@attune/telemetry/testing/metric-collector';
import { describe, expect, it } from 'vitest';
import type { EvaluationQueues } from '../queues/evaluation-queues.service';
import { QueueGauges } from './queue-gauges.service';

type Counts = Awaited<ReturnType<EvaluationQueues['jobCounts']>>;

function gauges(read: () => Promise<Counts>) {
  const collector = metricCollector();
  let reads = 0;
  const queues = { jobCounts: () => (reads++, read()) } as unknown as EvaluationQueues;
  const service = new QueueGauges(queues, collector.meter);
  return { collector, service, reads: () => reads };
}

describe('QueueGauges', () => {
  it("reports each open queue's active and waiting jobs by target, reading Redis once however often it is collected", async () => {
    const counts: Counts = new Map([
      ['branin', { active: 3, waiting: 7 }],
      ['flaky', { active: 0, waiting: 2 }],
    ]);
    const { collector, reads } = gauges(async () => counts);
    for (let i = 0; i < 5; i++) {
      const metrics = await collector.collect();
      expect(metrics.get(M.trialsInFlight.name)?.map((p) => [p.attributes.target, p.value])).toEqual([['branin', 3], ['flaky', 0]]);
      expect(metrics.get(M.queueDepth.name)?.map((p) => [p.attributes.target, p.value])).toEqual([['branin', 7], ['flaky', 2]]);
    }
    expect(reads()).toBe(1);
  });

  it('answers a collection without the counts when Redis does not (failing or hanging), asking it again only once the last read ended', async () => {
    const failing = gauges(() => Promise.reject(new Error('ECONNREFUSED')));
    expect((await failing.collector.collect()).get(M.queueDepth.name) ?? []).toEqual([]);
    const hanging = gauges(() => new Promise<Counts>(() => {}));
    expect((await hanging.collector.collect()).get(M.queueDepth.name) ?? []).toEqual([]);
    await hanging.collector.collect();
    expect(hanging.reads()).toBe(1);
    hanging.service.onModuleDestroy();
  });
});
