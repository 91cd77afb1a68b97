import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { assertRedisReachable } from '@attune/queue/redis-probe';
import { AppModule } from './app.module';
import { AuthMode } from './auth/auth-mode.service';
import { activeTelemetry } from '@attune/telemetry/start-telemetry';
import { telemetrySummary } from '@attune/telemetry/telemetry-summary';
import { loadCoordinatorConfig, type CoordinatorConfig } from './config/coordinator.config';
import { checkDatabase } from './database/check-database';
import { clientUrlOf, listeningLines } from './listening-lines';
import { createCoordinatorLogger, logRequests } from './logging/coordinator-logger';
import { serveDashboard } from './dashboard/serve-dashboard';
import { setupOpenApi } from './openapi';

/** A started coordinator. */
export interface RunningCoordinator {
  readonly app: INestApplication;
  /** Base URL of the REST API for a client on this machine, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** The address really listened on. */
  readonly address: AddressInfo;
  /** What to print once started: the address listened on, and who may call the API. */
  readonly startupLines: readonly string[];
  /** Stops taking work, lets running ticks and ingestions finish, closes queues and the database. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 15_000;

/**
 * Starts the coordinator, configured from the environment (or `env`, for
 * tests): migrations (unless ATTUNE_MIGRATE=false), REST API, study driver,
 * result ingestion. Throws a ValidationError listing every bad variable, and,
 * before Nest starts, an error naming each service it cannot use.
 */
export async function startCoordinator(options: { env?: Record<string, string | undefined> } = {}): Promise<RunningCoordinator> {
  const config = loadCoordinatorConfig(options.env);
  const telemetry = activeTelemetry();
  const logger = createCoordinatorLogger(config.logLevel, telemetry?.config.serviceName ?? 'attune-coordinator');
  // Before Nest starts too: the checks below log through Nest's static Logger.
  Logger.overrideLogger(logger.nest);
  await checkServices(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: logger.nest,
    // Throw start-up failures (database unreachable, say) to the caller instead of exiting the process.
    abortOnError: false,
    // RequestPolicyMiddleware reads JSON bodies, and only those; no form or text body is parsed.
    bodyParser: false,
  });
  setupOpenApi(app);
  const dashboard = serveDashboard(app);
  logRequests(app, logger.pino);
  try {
    await app.listen(config.port, config.host);
  } catch (e) {
    await app.close();
    throw e;
  }
  // Once started (a failed start prints its one reason only).
  if (telemetry) {
    const summary = telemetrySummary(telemetry);
    logger.pino.info(summary.fields, summary.message);
  }
  let closing: Promise<void> | undefined;
  const address = app.getHttpServer().address() as AddressInfo;
  const startupLines = [...listeningLines(address, dashboard), ...(await app.get(AuthMode).startupLines())];
  return { app, url: clientUrlOf(address), address, startupLines, close: () => (closing ??= app.close()) };
}

/**
 * PostgreSQL (with its schema) and Redis, checked at once and before Nest
 * starts: a coordinator that cannot use either never says it is listening.
 * Each failure is one line naming the service.
 */
async function checkServices(config: CoordinatorConfig): Promise<void> {
  const checks = await Promise.allSettled([checkDatabase(config, (line) => new Logger('Database').log(line)), assertRedisReachable(config.redisUrl, config.redisTls)]);
  const failures = checks.flatMap((c) => (c.status === 'rejected' ? [c.reason as Error] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new Error(failures.map((f) => f.message).join('; '));
}

async function main(): Promise<void> {
  const coordinator = await startCoordinator();
  for (const line of coordinator.startupLines) console.error(`attune coordinator: ${line}`);
  const shutdown = (signal: NodeJS.Signals) => {
    console.error(`attune coordinator: ${signal} received, shutting down`);
    // Closing waits for Redis and PostgreSQL; if one is gone, do not wait forever.
    setTimeout(() => {
      console.error(`attune coordinator: did not close within ${CLOSE_GRACE_MS / 1000} s, exiting`);
      process.exit(1);
    }, CLOSE_GRACE_MS).unref();
    coordinator.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`attune coordinator: ${(e as Error).message}`);
    process.exit(1);
  });
}
