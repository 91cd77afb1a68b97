import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import { queueEnvSchema } from '@attune/queue/queue-env.schema';
import { z } from 'zod';

const demoEnvSchema = queueEnvSchema.extend({
  /** The demo's database; created if missing. @default "postgres://postgres@127.0.0.1:5432/attune" */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).default('postgres://postgres@127.0.0.1:5432/attune'),
  /** Coordinator port. @default a free port */
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65535).optional(),
  /** Its own prefix, so that the demo never shares queues with workers you started yourself. @default "attune-demo" */
  ATTUNE_QUEUE_PREFIX: queueEnvSchema.shape.ATTUNE_QUEUE_PREFIX.unwrap().default('attune-demo'),
});

/** The demo's settings, from the environment (parsed once). */
export interface DemoConfig {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly port?: number;
  readonly queuePrefix: string;
}

export function parseDemoConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const parsed = demoEnvSchema.safeParse({
    DATABASE_URL: env.DATABASE_URL || undefined,
    REDIS_URL: env.REDIS_URL || undefined,
    PORT: env.PORT || undefined,
    ATTUNE_QUEUE_PREFIX: env.ATTUNE_QUEUE_PREFIX || undefined,
  });
  if (!parsed.success) throw new Error(formatZodIssues(parsed.error.issues).map((i) => `${i.path}: ${i.message}`).join('; '));
  const d = parsed.data;
  return { databaseUrl: d.DATABASE_URL, redisUrl: d.REDIS_URL, port: d.PORT, queuePrefix: d.ATTUNE_QUEUE_PREFIX };
}
