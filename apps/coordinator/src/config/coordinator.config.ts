import os from 'node:os';
import { ValidationError } from '@attune/core/errors/attune-error';
import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import { databaseEnvSchema, type DatabaseConfig } from '@attune/persistence/database.config';
import { queueEnvSchema } from '@attune/queue/queue-env.schema';
import { redisTlsOf, type RedisTls } from '@attune/queue/redis-tls';
import { logLevelSchema, type LogLevel } from '@attune/telemetry/log-level';
import { z } from 'zod';
import { parseAllowedOrigins } from '../http/allowed-origins';
import { parseWebhookHosts, type WebhookHost } from '../webhooks/webhook-allow-list';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The coordinator's environment. Parsed once at start; nothing else reads process.env. */
export const coordinatorEnvSchema = databaseEnvSchema.extend({
  ...queueEnvSchema.shape,
  /**
   * Most PostgreSQL connections the coordinator opens; the driver's ticks
   * take at most 2/5 of them, the rest stays for the API and ingestion. @default 10
   */
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(2, 'must be at least 2').max(1000).default(10),
  /**
   * PostgreSQL connections of a second pool, kept for the API's reads, the
   * SSE pages and /health, so that a burst of submissions, a busy driver or
   * ingestion never makes them wait. @default 3
   */
  DATABASE_READ_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(100).default(3),
  /** HTTP port; 0 picks a free one. @default 3000 */
  PORT: z.coerce.number({ error: 'must be a port number' }).int('must be an integer').min(0).max(65535).default(3000),
  /**
   * Interface to listen on. On anything but loopback (0.0.0.0 in a container,
   * say) authentication is on, unless ATTUNE_AUTH=off. @default "127.0.0.1"
   */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * API authentication. `auto`: on when HOST is not loopback or once any API
   * token exists (`attune admin bootstrap` creates the first), off before,
   * so that a fresh install on loopback runs open. `on`: always. `off`: never,
   * whatever HOST is (logged as a warning at start). @default "auto"
   */
  ATTUNE_AUTH: z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }).default('auto'),
  /** Failed sign-ins and unknown tokens allowed per client address per minute, before it is refused (429) for a minute. @default 10 */
  ATTUNE_AUTH_FAILURES_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(10_000).default(10),
  /**
   * Origins besides the coordinator's own whose browser pages may send
   * state-changing requests (POST, PUT, PATCH, DELETE): comma-separated
   * `scheme://host[:port]`. A request with another Origin is refused (403). @default ""
   */
  ATTUNE_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list, ctx) => {
      const parsed = parseAllowedOrigins(list);
      if ('origins' in parsed) return parsed.origins;
      ctx.addIssue({ code: 'custom', message: `must list http(s) origins (scheme://host[:port], no path) separated by commas, got "${parsed.invalid}"` });
      return z.NEVER;
    }),
  /** Largest request body accepted, in bytes; a larger one is answered 413. @default 1048576 (1 MiB) */
  ATTUNE_MAX_BODY_BYTES: z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(1024, 'must be at least 1024').max(100 * 1024 * 1024, 'must be at most 104857600 (100 MiB)').default(1024 * 1024),
  /** Apply pending migrations at start. @default true */
  ATTUNE_MIGRATE: bool(true),
  /** Milliseconds between sweeps of the running studies. @default 1000 */
  ATTUNE_SWEEP_MS: z.coerce.number().int().min(50, 'must be at least 50').max(60_000).default(1000),
  /** Seconds past trialTimeoutSec before a RUNNING trial with no result is TIMED_OUT. @default 30 */
  ATTUNE_TIMEOUT_GRACE_SEC: z.coerce.number().min(0).max(3600).default(30),
  /**
   * Seconds a trial may wait in QUEUED while no live worker serves its target
   * (counted from when the last one went away) before it FAILS, naming the target. @default 300
   */
  ATTUNE_QUEUED_TIMEOUT_SEC: z.coerce.number({ error: 'must be a number' }).min(1, 'must be at least 1').max(86_400, 'must be at most 86400').default(300),
  /** Worker threads that run strategies' proposals. @default one fewer than the machine's cores, at least 1 */
  ATTUNE_PROPOSAL_THREADS: z.coerce.number().int('must be an integer').min(1, 'must be at least 1').max(256).optional(),
  /** Seconds a proposal may take before it is stopped and its study fails. @default 120 */
  ATTUNE_PROPOSAL_TIMEOUT_SEC: z.coerce.number().positive('must be above 0').max(3600).default(120),
  /**
   * Hosts a study's webhook (`notify.url`) may call: comma-separated `host`
   * (the scheme's default port) or `host:port`. Empty: webhooks are refused. @default ""
   */
  ATTUNE_WEBHOOK_HOSTS: z
    .string()
    .default('')
    .transform((list, ctx) => {
      const parsed = parseWebhookHosts(list);
      if ('hosts' in parsed) return parsed.hosts;
      ctx.addIssue({ code: 'custom', message: `must list host or host:port entries separated by commas, got "${parsed.invalid}"` });
      return z.NEVER;
    }),
  /** Milliseconds a webhook request may take. @default 5000 */
  ATTUNE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100, 'must be at least 100').max(60_000).default(5000),
  /** Attempts per webhook delivery (exponential backoff from 0.5 s between them). @default 6 */
  ATTUNE_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1, 'must be at least 1').max(20).default(6),
  /** Most verbose log level printed (HTTP requests are logged at debug). @default "log" */
  LOG_LEVEL: logLevelSchema,
  /**
   * Where a trace opens in the operator's OpenTelemetry UI, `{traceId}` in
   * place of the id (Jaeger: http://localhost:16686/trace/{traceId}); the
   * dashboard links each trial's trace there. Absent: trace ids are shown
   * without a link.
   */
  ATTUNE_TRACE_URL: z
    .string()
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v) && URL.canParse(v.replace('{traceId}', '0')), 'must be an http(s) URL')
    .refine((v) => v.includes('{traceId}'), 'must contain {traceId} where the trace id goes')
    .optional(),
});

export interface CoordinatorConfig {
  readonly database: DatabaseConfig;
  /** Size of the PostgreSQL connection pool (DATABASE_POOL_SIZE). */
  readonly databasePoolSize: number;
  /** Size of the pool kept for API reads and /health (DATABASE_READ_POOL_SIZE). */
  readonly databaseReadPoolSize: number;
  readonly migrate: boolean;
  readonly redisUrl: string;
  /** A rediss:// connection's CA and client certificate (REDIS_TLS_*_FILE), read at start. */
  readonly redisTls?: RedisTls;
  readonly queuePrefix: string;
  readonly port: number;
  readonly host: string;
  readonly auth: AuthConfig;
  readonly http: HttpPolicyConfig;
  readonly sweepMs: number;
  readonly timeoutGraceSec: number;
  readonly queuedTimeoutSec: number;
  readonly proposalThreads: number;
  readonly proposalTimeoutSec: number;
  readonly logLevel: LogLevel;
  readonly webhooks: WebhookConfig;
  readonly dashboard: DashboardConfig;
}

/** What the dashboard is told of the deployment (GET /dashboard/config). */
export interface DashboardConfig {
  /** ATTUNE_TRACE_URL: a trace's address in the OpenTelemetry UI, `{traceId}` in place of the id. */
  readonly traceUrl?: string;
}

/** Who may call the API (see AuthMode). */
export interface AuthConfig {
  /** ATTUNE_AUTH */
  readonly mode: 'auto' | 'on' | 'off';
  /** ATTUNE_AUTH_FAILURES_PER_MINUTE: failed authentications per client address per minute. */
  readonly failuresPerMinute: number;
}

/** What the REST API accepts on state-changing requests (see RequestPolicyMiddleware). */
export interface HttpPolicyConfig {
  /** Origins allowed besides the coordinator's own (ATTUNE_ALLOWED_ORIGINS). */
  readonly allowedOrigins: readonly string[];
  /** Largest request body in bytes (ATTUNE_MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
}

/** Where and how study webhooks are delivered. */
export interface WebhookConfig {
  /** The operator's allow-list; empty refuses every webhook. */
  readonly hosts: readonly WebhookHost[];
  readonly timeoutMs: number;
  readonly maxAttempts: number;
}

/** Injection token of the parsed CoordinatorConfig. */
export const COORDINATOR_CONFIG = Symbol('COORDINATOR_CONFIG');

/**
 * Parses the environment (this process's by default), listing every problem
 * at once in a ValidationError (`PORT: must be a port number; REDIS_URL: ...`).
 */
export function loadCoordinatorConfig(env: Record<string, string | undefined> = process.env): CoordinatorConfig {
  const parsed = coordinatorEnvSchema.safeParse(env, { reportInput: true });
  if (!parsed.success) throw new ValidationError(formatZodIssues(parsed.error.issues));
  const e = parsed.data;
  return {
    database: { url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA },
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseReadPoolSize: e.DATABASE_READ_POOL_SIZE,
    migrate: e.ATTUNE_MIGRATE,
    redisUrl: e.REDIS_URL,
    redisTls: redisTlsOf(e),
    queuePrefix: e.ATTUNE_QUEUE_PREFIX,
    port: e.PORT,
    host: e.HOST,
    auth: { mode: e.ATTUNE_AUTH, failuresPerMinute: e.ATTUNE_AUTH_FAILURES_PER_MINUTE },
    http: { allowedOrigins: e.ATTUNE_ALLOWED_ORIGINS, maxBodyBytes: e.ATTUNE_MAX_BODY_BYTES },
    sweepMs: e.ATTUNE_SWEEP_MS,
    timeoutGraceSec: e.ATTUNE_TIMEOUT_GRACE_SEC,
    queuedTimeoutSec: e.ATTUNE_QUEUED_TIMEOUT_SEC,
    proposalThreads: e.ATTUNE_PROPOSAL_THREADS ?? Math.max(1, os.availableParallelism() - 1),
    proposalTimeoutSec: e.ATTUNE_PROPOSAL_TIMEOUT_SEC,
    logLevel: e.LOG_LEVEL,
    webhooks: { hosts: e.ATTUNE_WEBHOOK_HOSTS, timeoutMs: e.ATTUNE_WEBHOOK_TIMEOUT_MS, maxAttempts: e.ATTUNE_WEBHOOK_MAX_ATTEMPTS },
    dashboard: { ...(e.ATTUNE_TRACE_URL !== undefined && { traceUrl: e.ATTUNE_TRACE_URL }) },
  };
}
