import { workerRowSchema } from '@attune/core/api/worker.schema';
import { z } from 'zod';

/**
 * The registry of live workers, shared by the workers (who write it) and the
 * coordinator (who reads it). One Redis hash under the queue prefix, one field
 * per worker id holding its record as JSON: a single key, so it lives in one
 * slot on Redis Cluster whatever the prefix. A worker rewrites its record
 * every heartbeat with a new `expiresAt`, and on a graceful shutdown once
 * more with `expiresAt` = now (deregistered); a record past its expiry is a
 * worker that stopped or died. Dead records are kept for WORKER_FORGET_MS so
 * that the coordinator knows until when a target had a worker. Times are Redis's clock (`TIME`), so the clocks
 * of the machines never need to agree.
 */

/** How often a worker refreshes its record. @default 5000 */
export const WORKER_HEARTBEAT_MS = 5000;
/** How long a record stays live without a heartbeat: three missed beats. @default 15000 */
export const WORKER_TTL_MS = 15_000;
/** Records dead for longer than this are deleted by whoever reads or writes the registry. */
export const WORKER_FORGET_MS = 60 * 60_000;

/** The hash holding every worker's record. */
export function workerRegistryKey(prefix: string): string {
  return `${prefix}:workers`;
}

/**
 * A worker's record: the fields GET /workers lists (libs/core/src/api/worker.schema.ts),
 * unknown fields stripped so that a newer worker's record still parses.
 */
export const workerRecordSchema = z.object(workerRowSchema.shape);

/** One worker as it registered itself. */
export type WorkerRecord = z.output<typeof workerRecordSchema>;

/** The records of a registry hash (HGETALL), skipping fields that do not parse (another version's, or garbage). */
export function parseWorkerRecords(hash: Readonly<Record<string, string>>): WorkerRecord[] {
  const records: WorkerRecord[] = [];
  for (const value of Object.values(hash)) {
    const parsed = workerRecordSchema.safeParse(safeJson(value));
    if (parsed.success) records.push(parsed.data);
  }
  return records.sort((a, b) => a.id.localeCompare(b.id));
}

/** Whether the record's worker is alive at `nowMs` (Redis time). */
export function isLive(record: WorkerRecord, nowMs: number): boolean {
  return Date.parse(record.expiresAt) > nowMs;
}

/** Ids of records dead for longer than WORKER_FORGET_MS, to delete. */
export function forgottenIds(records: readonly WorkerRecord[], nowMs: number): string[] {
  return records.filter((r) => Date.parse(r.expiresAt) + WORKER_FORGET_MS < nowMs).map((r) => r.id);
}

/** Milliseconds since the epoch from a Redis `TIME` reply ([seconds, microseconds]). */
export function redisTimeMs([seconds, micros]: readonly (string | number)[]): number {
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
