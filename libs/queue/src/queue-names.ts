/**
 * Queue names, in one place. Every queue lives under the deployment's prefix
 * (ATTUNE_QUEUE_PREFIX), which BullMQ puts in front of its Redis keys, so two
 * deployments or two test runs on one Redis never see each other's jobs.
 */

/** The queue a target's evaluation jobs go to; workers that serve the target consume it. */
export function evaluationQueueName(target: string): string {
  return `eval.${target}`;
}

/** The durable queue workers post results to; only the coordinator consumes it. */
export const RESULTS_QUEUE = 'results';

/** The durable queue workers post intermediate values (a running trial's steps) to; only the coordinator consumes it. */
export const STEPS_QUEUE = 'steps';
