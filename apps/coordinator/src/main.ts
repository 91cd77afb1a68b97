import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { loadCoordinatorConfig, type CoordinatorConfig, type LogLevel } from './config/coordinator.config';
import { setupOpenApi } from './openapi';

/** A started coordinator. */
export interface RunningCoordinator {
  readonly app: INestApplication;
  /** Base URL of the REST API, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** Stops taking work, lets running ticks and ingestions finish, closes queues and the database. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 15_000;
const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Starts the coordinator, configured from the environment (or `env`, for
 * tests): migrations (unless ATTUNE_MIGRATE=false), REST API, study driver,
 * result ingestion. Throws a ValidationError listing every bad variable.
 */
export async function startCoordinator(options: { env?: Record<string, string | undefined> } = {}): Promise<RunningCoordinator> {
  const config = loadCoordinatorConfig(options.env);
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    // Throw start-up failures (database unreachable, say) to the caller instead of exiting the process.
    abortOnError: false,
    // RequestPolicyMiddleware reads JSON bodies, and only those; no form or text body is parsed.
    bodyParser: false,
  });
  setupOpenApi(app);
  try {
    await app.listen(config.port, config.host);
  } catch (e) {
    await app.close();
    throw e;
  }
  let closing: Promise<void> | undefined;
  return { app, url: urlOf(app, config), close: () => (closing ??= app.close()) };
}

function urlOf(app: INestApplication, config: CoordinatorConfig): string {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function main(): Promise<void> {
  const coordinator = await startCoordinator();
  console.error(`attune coordinator: listening on ${coordinator.url} (API docs at ${coordinator.url}/docs)`);
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
