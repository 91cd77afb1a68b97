import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const str: SchemaObject = { type: 'string' };
const int: SchemaObject = { type: 'integer' };
const date: SchemaObject = { type: 'string', format: 'date-time' };

/** A live worker as GET /workers lists it (documentation only; libs/queue's workerRecordSchema validates). */
export const WORKER_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'host', 'pid', 'targets', 'concurrency', 'version', 'startedAt', 'heartbeatAt', 'expiresAt'],
  properties: {
    id: { ...str, description: 'ATTUNE_WORKER_ID, default <hostname>:<pid>' },
    host: str,
    pid: int,
    targets: { type: 'array', items: str, description: 'targets its targets file declares' },
    concurrency: { ...int, description: 'evaluations at once per target' },
    version: str,
    startedAt: date,
    heartbeatAt: { ...date, description: 'last heartbeat (Redis clock)' },
    expiresAt: { ...date, description: 'counted as gone past this without a new heartbeat' },
  },
};

export const WORKER_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['items', 'total'],
  properties: { items: { type: 'array', items: WORKER_SCHEMA }, total: int },
};
