import { z } from 'zod';

/**
 * A queue prefix: letters, digits, ".", "_" or "-", or the same wrapped in
 * braces. On Redis Cluster the prefix must be a hash tag (`{attune}`) so that
 * every key of a queue hashes to one slot, as BullMQ's scripts require.
 */
export const QUEUE_PREFIX_PATTERN = /^(?:[A-Za-z0-9_.-]+|\{[A-Za-z0-9_.-]+\})$/;

/**
 * The environment shared by every process that talks to the queues (the
 * coordinator, the workers, the CLI's demo). Each process's own schema extends
 * this one, so all of them accept and reject the same values with the same
 * messages; a prefix the coordinator takes, a worker takes too.
 */
export const queueEnvSchema = z.object({
  /** Redis holding the queues. @default "redis://127.0.0.1:6379" */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
  /**
   * Prefix of every BullMQ key; the coordinator and its workers must agree.
   * A hash tag such as `{attune}` on Redis Cluster. @default "attune"
   */
  ATTUNE_QUEUE_PREFIX: z
    .string()
    .regex(QUEUE_PREFIX_PATTERN, 'must be letters, digits, ".", "_" or "-", optionally wrapped in braces as a Redis Cluster hash tag ({attune})')
    .default('attune'),
  /** PEM file of the CA that signed Redis's certificate, with a rediss:// URL (beside the system's CAs). @default none */
  REDIS_TLS_CA_FILE: z.string().min(1).optional(),
  /** PEM client certificate, for a Redis that asks for one (tls-auth-clients), with REDIS_TLS_KEY_FILE. @default none */
  REDIS_TLS_CERT_FILE: z.string().min(1).optional(),
  /** PEM key of REDIS_TLS_CERT_FILE. @default none */
  REDIS_TLS_KEY_FILE: z.string().min(1).optional(),
});
