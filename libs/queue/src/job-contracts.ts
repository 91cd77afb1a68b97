import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import type { JobsOptions } from 'bullmq';
import type { z } from 'zod';
import { evaluateTrialJobSchema, type EvaluateTrialJob } from './evaluate-trial.job';
import { jobIdForSteps, jobIdForTrial } from './job-ids';
import { evaluationQueueName, RESULTS_QUEUE, STEPS_QUEUE } from './queue-names';
import { trialResultJobSchema, type TrialResultJob } from './trial-result.job';
import { trialStepsJobSchema, type TrialStepsJob } from './trial-steps.job';

/** What one kind of job is: where it goes, what it carries, its id and its options. */
interface JobContract<Payload> {
  readonly schema: z.ZodType<Payload>;
  readonly queue: (payload: Payload) => string;
  readonly jobId: (payload: Payload) => string;
  readonly options: Readonly<JobsOptions>;
}

/**
 * Every kind of job Attune puts on a queue, in one place, used by the side
 * that adds it and the side that processes it (the job name is the kind).
 */
export const JOB_CONTRACTS = {
  /** Coordinator → workers of a target: evaluate one trial. */
  'evaluate-trial': {
    schema: evaluateTrialJobSchema,
    queue: (p: EvaluateTrialJob) => evaluationQueueName(p.target),
    jobId: (p: EvaluateTrialJob) => jobIdForTrial(p.trialId),
    // Completed jobs stay a day, so the sweep can tell "finished, result in transit" from "never enqueued".
    options: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
  } satisfies JobContract<EvaluateTrialJob>,
  /**
   * Worker → coordinator: how an evaluation ended. Results wait however long
   * the coordinator is down (never removed while waiting); consumed ones are
   * kept a week, so a re-post of the same trial's result is still deduplicated
   * by its job id, and failed ingestions stay for inspection. Ingestion retries
   * before a result lands in `failed`; PostgreSQL unreachable uses no attempt
   * (the coordinator retries such a result every 0.5 s).
   */
  'trial-result': {
    schema: trialResultJobSchema,
    queue: () => RESULTS_QUEUE,
    jobId: (p: TrialResultJob) => jobIdForTrial(p.trialId),
    options: { removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: false, attempts: 10, backoff: { type: 'exponential', delay: 1000 } },
  } satisfies JobContract<TrialResultJob>,
  /**
   * Worker → coordinator: a running trial's intermediate values, which its
   * pruner decides on. Kept a day once consumed (a re-run evaluation's
   * repeated steps are deduplicated by the job id); a few attempts, since a
   * late step is worth little once the trial has ended.
   */
  'trial-steps': {
    schema: trialStepsJobSchema,
    queue: () => STEPS_QUEUE,
    jobId: (p: TrialStepsJob) => jobIdForSteps(p.trialId, p.steps[0]!.step, p.steps[p.steps.length - 1]!.step),
    options: { removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 }, attempts: 5, backoff: { type: 'exponential', delay: 500 } },
  } satisfies JobContract<TrialStepsJob>,
} as const;

export type JobKind = keyof typeof JOB_CONTRACTS;
export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_CONTRACTS)[K]['schema']>;
/** Any Attune job, discriminated by its kind. */
export type AttuneJob = { [K in JobKind]: { readonly kind: K; readonly data: JobPayload<K> } }[JobKind];

/** A job as BullMQ's `add`/`addBulk` take it, with the payload validated against its contract. */
export interface JobToAdd<K extends JobKind> {
  readonly queue: string;
  readonly name: K;
  readonly data: JobPayload<K>;
  readonly opts: JobsOptions & { jobId: string };
}

export function jobToAdd<K extends JobKind>(kind: K, payload: JobPayload<K>): JobToAdd<K> {
  const contract = JOB_CONTRACTS[kind] as unknown as JobContract<JobPayload<K>>;
  const data = contract.schema.parse(payload);
  return { queue: contract.queue(data), name: kind, data, opts: { ...contract.options, jobId: contract.jobId(data) } };
}

export type ParsedJob<K extends JobKind> = { readonly ok: true; readonly data: JobPayload<K> } | { readonly ok: false; readonly problems: string };

/** Parses a received job's payload by its kind's contract; `problems` names each bad field. */
export function parseJob<K extends JobKind>(kind: K, data: unknown): ParsedJob<K> {
  const parsed = (JOB_CONTRACTS[kind].schema as unknown as z.ZodType<JobPayload<K>>).safeParse(data, { reportInput: true });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, problems: formatZodIssues(parsed.error.issues).map((i) => `${i.path}: ${i.message}`).join('; ') };
}
