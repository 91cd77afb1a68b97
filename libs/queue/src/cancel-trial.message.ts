import { z } from 'zod';
import { formatZodIssues } from '@attune/core/spec/format-zod-issues';

/**
 * Coordinator → every worker, on the Redis pub/sub channel cancelTrialChannel(prefix):
 * stop evaluating these trials, they are no longer wanted (their study ended,
 * or a pruner decided). The trials are already recorded as ended; a worker
 * that runs one kills its evaluation within moments and posts no result. Best
 * effort: a worker not subscribed at that moment never hears it, finishes the
 * evaluation, and its result is dropped as late.
 */
export const cancelTrialMessageSchema = z.strictObject({
  target: z.string().min(1),
  trialIds: z.array(z.string().uuid()).min(1),
  /** Why, in words a user can act on (shown in the worker's log). */
  reason: z.string().min(1).max(1000),
});
export type CancelTrialMessage = z.infer<typeof cancelTrialMessageSchema>;

/** The channel of cancellations, under the deployment's queue prefix (two deployments on one Redis never hear each other). */
export function cancelTrialChannel(queuePrefix: string): string {
  return `${queuePrefix}:cancel-trial`;
}

export function encodeCancelTrial(message: CancelTrialMessage): string {
  return JSON.stringify(cancelTrialMessageSchema.parse(message));
}

/** The message, or the problems that make it unusable (naming each field). */
export function decodeCancelTrial(text: string): { readonly ok: true; readonly message: CancelTrialMessage } | { readonly ok: false; readonly problems: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: `not JSON: ${(e as Error).message}` };
  }
  const parsed = cancelTrialMessageSchema.safeParse(data, { reportInput: true });
  if (parsed.success) return { ok: true, message: parsed.data };
  return { ok: false, problems: formatZodIssues(parsed.error.issues).map((i) => `${i.path}: ${i.message}`).join('; ') };
}
