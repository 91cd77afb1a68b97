import { STEPS_QUEUE } from '@attune/queue/queue-names';
import { jobToAdd } from '@attune/queue/job-contracts';
import { Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../../test/support/expect-eventually';
import { createIsolatedEnv } from '../../../../test/support/isolated-env';
import type { CoordinatorConfig } from '../config/coordinator.config';
import type { StepIngestion } from '../pruning/step-ingestion.service';
import { MALFORMED_STEPS, StepsProcessor } from './steps.processor';

const iso = createIsolatedEnv();
const connection = { url: iso.redisUrl };
const steps = new Queue(STEPS_QUEUE, { connection, prefix: iso.queuePrefix });
const ingested: unknown[] = [];
const fake = { ingest: async (job: unknown) => (ingested.push(job), { stored: 1, pruned: false }) };
const processor = new StepsProcessor(fake as unknown as StepIngestion, { redisUrl: iso.redisUrl } as CoordinatorConfig);
const worker = new Worker(STEPS_QUEUE, (job, token) => processor.process(job, token), { connection: { ...connection, maxRetriesPerRequest: null }, prefix: iso.queuePrefix });

afterAll(async () => {
  await worker.close();
  await steps.close();
  await iso.cleanup();
});

const payload = () => ({
  studyId: randomUUID(),
  trialId: randomUUID(),
  target: 't',
  workerId: 'w',
  steps: [{ step: 0, metrics: { loss: 1 }, at: new Date().toISOString() }],
});

describe('StepsProcessor', () => {
  it('hands a well-formed report to the ingestion and answers what it stored', async () => {
    const job = jobToAdd('trial-steps', payload());
    await steps.add(job.name, job.data, job.opts);
    await expectEventually(async () => expect(await steps.getJobState(job.opts.jobId)).toBe('completed'));
    expect((await steps.getJob(job.opts.jobId))?.returnvalue).toEqual({ stored: 1, pruned: false });
    expect(ingested).toHaveLength(1);
  });

  it('fails a malformed report for good, naming the field, without calling the ingestion', async () => {
    const bad = { ...payload(), steps: [{ step: -1, metrics: { loss: 1 }, at: 'yesterday' }] };
    const job = await steps.add('trial-steps', bad, { attempts: 5 });
    await expectEventually(async () => expect(await steps.getJobState(job.id!)).toBe('failed'));
    const failed = await steps.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(new RegExp(`^${MALFORMED_STEPS}: `));
    expect(failed?.failedReason).toContain('steps[0].step');
    expect(failed?.failedReason).toContain('steps[0].at');
    expect(ingested).toHaveLength(1);
  });
});
