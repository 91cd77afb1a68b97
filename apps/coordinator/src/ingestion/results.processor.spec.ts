import { jobToAdd } from '@attune/queue/job-contracts';
import { RESULTS_QUEUE } from '@attune/queue/queue-names';
import type { TrialResultJob } from '@attune/queue/trial-result.job';
import { Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../../test/support/expect-eventually';
import { createIsolatedEnv } from '../../../../test/support/isolated-env';
import type { CoordinatorConfig } from '../config/coordinator.config';
import type { ResultIngestionService } from './result-ingestion.service';
import { ResultsProcessor } from './results.processor';

const iso = createIsolatedEnv();
const connection = { url: iso.redisUrl };
const results = new Queue(RESULTS_QUEUE, { connection, prefix: iso.queuePrefix });
const workers: Worker[] = [];

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await results.close();
  await iso.cleanup();
});

/** A BullMQ worker running the real processor over an ingestion that fails with `failure` while it is set. */
function consume(ingestion: { failure?: Error; calls: number }): void {
  const fake = { ingest: async () => (ingestion.calls++, ingestion.failure ? Promise.reject(ingestion.failure) : true) };
  const processor = new ResultsProcessor(fake as unknown as ResultIngestionService, { redisUrl: iso.redisUrl } as CoordinatorConfig);
  workers.push(new Worker(RESULTS_QUEUE, (job, token) => processor.process(job, token), { connection: { ...connection, maxRetriesPerRequest: null }, prefix: iso.queuePrefix }));
}

async function post(): Promise<string> {
  const now = new Date().toISOString();
  const result: TrialResultJob = { studyId: randomUUID(), trialId: randomUUID(), outcome: 'COMPLETE', metrics: { value: 1 }, workerId: 'w', startedAt: now, finishedAt: now };
  const job = jobToAdd('trial-result', result);
  await results.add(job.name, job.data, job.opts);
  return result.trialId;
}

describe('ResultsProcessor', () => {
  it('tries a result again shortly, without using an attempt, while PostgreSQL cannot be reached', async () => {
    const ingestion: { failure?: Error; calls: number } = { failure: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), calls: 0 };
    consume(ingestion);
    const id = await post();
    // BullMQ's backoff (1 s, then 2 s, ...) would have called it twice by now; the database retry every 0.5 s, more.
    await expectEventually(() => expect(ingestion.calls).toBeGreaterThanOrEqual(4), { timeoutMs: 10_000 });
    expect((await results.getJob(id))?.attemptsMade).toBe(0);
    ingestion.failure = undefined;
    await expectEventually(async () => expect(await results.getJobState(id)).toBe('completed'));
    expect((await results.getJob(id))?.returnvalue).toEqual({ recorded: true });
    await Promise.all(workers.splice(0).map((w) => w.close()));
  });

  it('leaves any other ingestion error to BullMQ retries, which use an attempt', async () => {
    const ingestion = { failure: new Error('some bug'), calls: 0 };
    consume(ingestion);
    const id = await post();
    await expectEventually(async () => expect((await results.getJob(id))?.attemptsMade).toBe(1));
    expect(await results.getJobState(id)).toBe('delayed');
  });
});
