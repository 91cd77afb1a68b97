import { z } from 'zod';
import { paramValueSchema } from '../spec/primitive-schemas';

/**
 * Most configurations one `POST /studies/:id/trials` adds: a request is one
 * transaction holding the study's row, and a page of trials a user can read
 * back in one answer.
 */
export const MAX_ENQUEUED_TRIALS = 100;

/**
 * The body of `POST /studies/:id/trials`: configurations to measure next,
 * each checked against the study's space afterwards (a parameter left out
 * takes its `default`).
 */
export const enqueueTrialsSchema = z.strictObject({
  trials: z
    .array(z.strictObject({ params: z.record(z.string(), paramValueSchema) }))
    .min(1, 'must list at least one trial')
    .max(MAX_ENQUEUED_TRIALS, `must list at most ${MAX_ENQUEUED_TRIALS} trials per request`),
});

export type EnqueueTrialsRequest = z.output<typeof enqueueTrialsSchema>;
