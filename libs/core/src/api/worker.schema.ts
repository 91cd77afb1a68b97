import { z } from 'zod';
import { dateTimeSchema } from './response-primitives';

/** A live worker, as GET /workers lists it: the record it keeps in the worker registry (libs/queue/src/worker-registry.ts). */
export const workerRowSchema = z.strictObject({
  id: z.string().min(1).meta({ description: 'ATTUNE_WORKER_ID, default <hostname>:<pid>' }),
  host: z.string(),
  pid: z.number().int(),
  targets: z.array(z.string()).meta({ description: 'targets its targets file declares' }),
  concurrency: z.number().int().meta({ description: 'evaluations at once per target' }),
  version: z.string(),
  startedAt: dateTimeSchema,
  heartbeatAt: dateTimeSchema.meta({ description: 'last heartbeat (Redis clock)' }),
  expiresAt: dateTimeSchema.meta({ description: 'counted as gone past this without a new heartbeat' }),
});
export type WorkerRow = z.output<typeof workerRowSchema>;
