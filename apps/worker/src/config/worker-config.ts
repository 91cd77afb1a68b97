import os from 'node:os';
import { z } from 'zod';
import { ValidationError } from '@attune/core/errors/attune-error';
import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import { queueEnvSchema } from '@attune/queue/queue-env.schema';
import { redisTlsOf, type RedisTls } from '@attune/queue/redis-tls';
import { logLevelSchema, type LogLevel } from '@attune/telemetry/log-level';

/** The worker's environment: the variables every process shares, and its own. */
const envSchema = queueEnvSchema.extend({
  /** Name reported in results. @default "<hostname>:<pid>" */
  ATTUNE_WORKER_ID: z.string().min(1).optional(),
  /** Port of the worker's Prometheus endpoint (GET /metrics); 0 picks a free one (logged); unset, no endpoint. */
  ATTUNE_METRICS_PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number between 0 and 65535')
    .transform(Number)
    .refine((port) => port <= 65535, 'must be a port number between 0 and 65535')
    .optional(),
  /** Address the metrics endpoint listens on; 0.0.0.0 in a container. @default "127.0.0.1" */
  ATTUNE_METRICS_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  /** Most verbose log level printed (each evaluation's outcome is logged at debug, a failure at log). @default "log" */
  LOG_LEVEL: logLevelSchema,
});

const optionsSchema = z.strictObject({
  /** Path of the targets file (YAML or JSON). */
  targetsFile: z.string().min(1, 'must name a targets file'),
  /** Evaluations run at once, per target. @default 1 */
  concurrency: z.number().int('must be an integer').min(1, 'must be 1 or more').default(1),
  /** How long a shutdown waits for running evaluations before killing them. @default 10000 */
  shutdownGraceMs: z.number().int().min(0).default(10_000),
  /** How long a timed-out command gets between SIGTERM and SIGKILL. @default 2000 */
  killGraceMs: z.number().int().min(0).default(2_000),
  /**
   * How long a cancelled evaluation (its trial cancelled or pruned, or the
   * worker's shutdown grace over) gets to stop before it is killed: a module's
   * objective sees its signal abort, a command's group gets SIGTERM, then SIGKILL. @default 500
   */
  cancelGraceMs: z.number().int().min(0).default(500),
});

/** Options of startWorker; everything else comes from the environment. */
export type WorkerOptions = z.input<typeof optionsSchema>;

/** The worker's whole configuration, parsed once at start. */
export interface WorkerConfig {
  readonly redisUrl: string;
  /** A rediss:// connection's CA and client certificate (REDIS_TLS_*_FILE), read at start. */
  readonly redisTls?: RedisTls;
  readonly queuePrefix: string;
  readonly workerId: string;
  readonly targetsFile: string;
  readonly concurrency: number;
  readonly shutdownGraceMs: number;
  readonly killGraceMs: number;
  readonly cancelGraceMs: number;
  /** Where GET /metrics is served; absent: nowhere (metrics still go over OTLP when an endpoint is set). */
  readonly metrics?: { readonly port: number; readonly host: string };
  readonly logLevel: LogLevel;
  /** The worker's own environment; a command target inherits only what inheritedEnv selects of it. */
  readonly hostEnv: Readonly<Record<string, string>>;
}

/**
 * Parses the options and the environment once, listing every problem. This is
 * the only place in the worker that reads the environment.
 */
export function parseWorkerConfig(options: WorkerOptions, env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const e = envSchema.safeParse(env, { reportInput: true });
  const o = optionsSchema.safeParse(options, { reportInput: true });
  const issues = [...(e.success ? [] : formatZodIssues(e.error.issues)), ...(o.success ? [] : formatZodIssues(o.error.issues))];
  if (!e.success || !o.success) {
    const error = new ValidationError(issues);
    error.message = `invalid worker configuration: ${error.message}`;
    throw error;
  }
  return {
    redisUrl: e.data.REDIS_URL,
    redisTls: redisTlsOf(e.data),
    queuePrefix: e.data.ATTUNE_QUEUE_PREFIX,
    workerId: e.data.ATTUNE_WORKER_ID ?? `${os.hostname()}:${process.pid}`,
    logLevel: e.data.LOG_LEVEL,
    ...o.data,
    ...(e.data.ATTUNE_METRICS_PORT !== undefined && { metrics: { port: e.data.ATTUNE_METRICS_PORT, host: e.data.ATTUNE_METRICS_HOST } }),
    hostEnv: Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => kv[1] !== undefined)),
  };
}
