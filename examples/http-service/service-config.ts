import { z } from 'zod';
import { CACHE_POLICIES } from './cache/cache';

export const COMPRESSIONS = ['none', 'gzip', 'br'] as const;

/**
 * The service's knobs. The defaults are its "current configuration": what
 * it runs with today, deliberately not the best (the demo study's baseline).
 */
export const serviceConfigSchema = z.strictObject({
  /** HTTP server processes (node:cluster); 1 runs the server in the main process. @default 1 */
  workers: z.coerce.number().int().min(1).max(8).default(1),
  /** Items each process caches (0: none). @default 256 */
  cacheSize: z.coerce.number().int().min(0).max(1_000_000).default(256),
  /** How a full cache makes room. @default "fifo" */
  cachePolicy: z.enum(CACHE_POLICIES).default('fifo'),
  /** Cache misses arriving within this many ms go to the backend in one call (0: no batching). @default 0 */
  batchWindowMs: z.coerce.number().min(0).max(1000).default(0),
  /** How long an idle connection stays open (0: closed after every response). @default 5000 (Node's) */
  keepAliveMs: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** Response compression, for clients that accept it. @default "gzip" */
  compression: z.enum(COMPRESSIONS).default('gzip'),
});

export type ServiceConfig = z.output<typeof serviceConfigSchema>;
export type Compression = (typeof COMPRESSIONS)[number];

/** The configuration from its JSON form (unknown keys and bad values refused, each named). */
export function parseServiceConfig(raw: unknown): ServiceConfig {
  const parsed = serviceConfigSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`bad service configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
