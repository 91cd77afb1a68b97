import { z } from 'zod';

/** GET /studies/:id/importance query. */
export const importanceQuerySchema = z.object({
  /** The objective's metric (`score` for a composite); with several objectives, the first by default. */
  objective: z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: 'must be a metric name' }).max(200, 'must be at most 200 characters').optional()),
});
export type ImportanceQuery = z.output<typeof importanceQuerySchema>;
